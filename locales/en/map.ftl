# The words of the scenario map in English: conditions in words, the SVG legend, the
# outcome names. Message ids are the fields of `Words` in src/scenario/map/mod.rs.

condition_anger = anger
condition_trust = trust
condition_not = not
condition_and = and
condition_or = or
condition_always = always
condition_never = never

# The legend of `klachtwijs map`'s SVG, in drawing order.
legend_start = start
legend_tempting = a pitfall is tempting here
legend_flare_possible = flare-up possible on arrival
legend_select = select turn
legend_unreached = no play reaches it
legend_answer = answer
legend_mood_condition = mood condition
legend_flag_gate = flag gate
legend_flare_up = flare-up
legend_best = best play
legend_worst = worst play

# The outcome of an ending, by its id in the scenario format (the map and the debrief).
outcome_resolved = resolved
outcome_partly_resolved = partly resolved
outcome_referred = referred
outcome_boundary = limit set
outcome_escalated = escalated
outcome_abandoned = abandoned
