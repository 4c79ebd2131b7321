# The words of the phone vote page in Dutch.
# Message ids are the fields of `Words` in src/vote/page.rs.

title = Stem mee
turn = Beurt
waiting = Nog geen vraag. Wacht even op de gespreksleider.
closed = De stemming is gesloten. Kijk naar het scherm.
yours = Uw stem
change = Tik op een ander antwoord om te wisselen, zolang de stemming open is.
tap = Wat zou u zeggen? Tik op één antwoord.
refresh = Vernieuwen
privacy = Anoniem: geen naam, geen account. Uw stem blijft op de laptop van de gespreksleider en verdwijnt als de sessie stopt.
other = English
