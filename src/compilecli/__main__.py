from compilecli.world import entry

entry()
