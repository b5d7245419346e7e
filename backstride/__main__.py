"""Entry point for `python -m backstride`: hands over to the command-line app."""

from backstride.cli.app import main

if __name__ == "__main__":
    main()
