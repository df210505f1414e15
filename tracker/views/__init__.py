"""Thin views: access helper, form, selector, advice, chart, render."""
