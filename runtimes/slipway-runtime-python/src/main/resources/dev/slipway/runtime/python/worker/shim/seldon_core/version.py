__version__ = "1.18.2+slipway"
