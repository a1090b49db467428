"""Metric helpers of seldon-core's wrapper that user classes call."""
COUNTER = "COUNTER"
GAUGE = "GAUGE"
TIMER = "TIMER"


def create_counter(key, value):
    return {"type": COUNTER, "key": key, "value": value}


def create_gauge(key, value):
    return {"type": GAUGE, "key": key, "value": value}


def create_timer(key, value):
    return {"type": TIMER, "key": key, "value": value}
