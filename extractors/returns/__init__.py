"""The taxpayer's own filed return: Form 1040 / 1040-SR with schedules, and Form 1040-X."""
