"""Plots and reports. matplotlib is imported only when a plot is drawn."""
