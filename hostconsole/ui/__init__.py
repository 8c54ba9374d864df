"""The Qt user interface: the producer console, the presenter view and their dialogs."""
