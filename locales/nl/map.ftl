# The words of the scenario map in Dutch: conditions in words, the SVG legend, the
# outcome names. Message ids are the fields of `Words` in src/scenario/map/mod.rs.

condition_anger = boosheid
condition_trust = vertrouwen
condition_not = niet
condition_and = en
condition_or = of
condition_always = altijd
condition_never = nooit

# The legend of `klachtwijs map`'s SVG, in drawing order.
legend_start = start
legend_tempting = hier lokt een valkuil
legend_flare_possible = emotie kan hier oplaaien
legend_select = meerkeuzebeurt (aanvinken)
legend_unreached = geen enkel gesprek komt hier
legend_answer = antwoord
legend_mood_condition = voorwaarde op stemming
legend_flag_gate = voorwaarde op vlag
legend_flare_up = emotie laait op
legend_best = beste gesprek
legend_worst = slechtste gesprek

# The outcome of an ending, by its id in the scenario format (the map and the debrief).
outcome_resolved = opgelost
outcome_partly_resolved = deels opgelost
outcome_referred = doorverwezen
outcome_boundary = grens gesteld
outcome_escalated = geëscaleerd
outcome_abandoned = afgebroken
