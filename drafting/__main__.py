from drafting.cli import main

main()
