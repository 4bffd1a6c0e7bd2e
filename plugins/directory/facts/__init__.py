"""Facts: what the model means, worked out once, for every output.

A fact about an entry (is this service free, which days does it open) has one
answer, given by a pure function here, and every output asks it: the entry's
page, its search record and filter values, the widgets' data, the embed frames
and the Open Referral feed. An output that decides such a fact itself can say
one thing where another says the opposite ("Free" in search, not free in the
open data). What belongs here: such answers, as flags and short words; not how
an output lays them out.
"""
