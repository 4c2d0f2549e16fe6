# The corpus is data (public scripts and notebooks), never test modules.
collect_ignore_glob = ["*/*"]
