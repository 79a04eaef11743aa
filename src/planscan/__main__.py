from planscan.cli import main

main()
