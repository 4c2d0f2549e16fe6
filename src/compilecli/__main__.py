from compilecli.cli import main

main()
