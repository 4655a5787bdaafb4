"""exporting"""
