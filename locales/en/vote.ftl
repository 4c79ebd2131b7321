# The words of the phone vote page in English.
# Message ids are the fields of `Words` in src/vote/page.rs.

title = Vote
turn = Turn
waiting = No question yet. Wait for the facilitator.
closed = Voting is closed. Look at the screen.
yours = Your vote
change = Tap another answer to change it while voting is open.
tap = What would you say? Tap one answer.
refresh = Refresh
privacy = Anonymous: no name, no account. Your vote stays on the facilitator's laptop and is gone when the session stops.
other = Nederlands
