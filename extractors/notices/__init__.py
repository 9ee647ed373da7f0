"""IRS notices and letters: CP2000, CP14, CP501-504, LT11, Letter 1058, CP90, CP11/12, CP59."""
