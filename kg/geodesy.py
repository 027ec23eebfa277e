"""Distances on the Earth: the one great-circle formula every stage uses."""
from __future__ import annotations

import math

__all__ = ["EARTH_RADIUS_KM", "distance_km"]

EARTH_RADIUS_KM = 6371.0088  # the IUGG mean radius


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius).

    >>> round(distance_km(32.88743, 13.18733, 32.435, 13.633))  # Tripoli to Tarhuna
    65
    >>> round(distance_km(32.89, 13.19, 34.43, 35.84))  # Tripoli to Tripoli, Lebanon
    2099
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
