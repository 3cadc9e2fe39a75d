# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Spread a portfolio evenly over receivers who already hold work."""
import heapq


def distribute(items, loads):
    """Give each of ``items`` (in order) to the receiver holding the least work so
    far; ties go to the receiver listed first.

    ``loads`` is a list of (receiver, current load); it is not modified.
    Returns {receiver: [items]} and the loads after the distribution as a dict.
    """
    if not loads:
        raise ValueError("no receiver to distribute to")
    heap = [(load, index, receiver) for index, (receiver, load) in enumerate(loads)]
    heapq.heapify(heap)
    result = {receiver: [] for receiver, _load in loads}
    for item in items:
        load, index, receiver = heapq.heappop(heap)
        result[receiver].append(item)
        heapq.heappush(heap, (load + 1, index, receiver))
    final = {receiver: load for load, _index, receiver in heap}
    return result, final
