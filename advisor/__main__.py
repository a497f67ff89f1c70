from advisor.launch import main

raise SystemExit(main())
