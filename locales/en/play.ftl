# The words of the interactive conversation of `klachtwijs play` in English.
# Message ids are the fields of `Words` in src/cli/play.rs.

choose = Your choice
choose_items = Your choice (numbers joined by +, e.g. 1+3)
invalid = That does not work
flared = (The emotion flares up again.)
stopped = (Stopped: the conversation was not finished.)
hint = Hint
no_hint = No hint for this turn.
help = Type the number of your answer, or ? for a hint.
