// tray UI grows here
