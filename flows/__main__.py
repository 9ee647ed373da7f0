from backtax.flows.cli import main

main()
