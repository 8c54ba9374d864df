"""Stand-alone companion programs shipped with Host Console (the rehearsal sales feed)."""
