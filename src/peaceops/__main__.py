from peaceops.cli.main import main

raise SystemExit(main())
