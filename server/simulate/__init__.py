"""`reprally simulate`: a simulated team run through the real engine under several programs."""
