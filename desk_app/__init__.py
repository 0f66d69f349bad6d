"""Salon Desk: front-desk application for hair and beauty salons."""

__version__ = "0.1.0"
