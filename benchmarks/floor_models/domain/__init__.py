"""frozen"""
