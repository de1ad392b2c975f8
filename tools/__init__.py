"""Tools that build, check and measure the multilingual publication."""
