# The words of the interactive conversation of `klachtwijs play` in Dutch.
# Message ids are the fields of `Words` in src/cli/play.rs.

choose = Uw keuze
choose_items = Uw keuze (nummers met +, bijvoorbeeld 1+3)
invalid = Dat kan niet
flared = (De emotie laait weer op.)
stopped = (Gestopt: het gesprek is niet afgemaakt.)
hint = Tip
no_hint = Geen tip bij deze beurt.
help = Typ het nummer van uw antwoord, of ? voor een tip.
