import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C before the command line is even read
    print("qedsheet: interrupted", file=sys.stderr)
    raise SystemExit(130) from None

raise SystemExit(main())
