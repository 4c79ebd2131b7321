//! Phone votes for a room (issue 14): plain Rust, no Bevy; the app drives it.
//!
//! - [`VoteServer`] serves a small page on the laptop's local address while the
//!   facilitator has phone votes on: a four-digit join code in every address, one vote per
//!   phone (an anonymous random cookie) per ballot, changeable until the vote closes;
//!   requests limited in rate and size. [`likely_lan_ipv4`] finds the address to serve on,
//!   [`QrMatrix`] paints the address as a QR code.
//! - [`RoomVotes`] keeps the room's ballots per turn: the first vote, the re-vote after
//!   discussion, and whether they came from phones or a show of hands.
//! - [`agenda()`] ranks the turns by how split the room was and whether its majority fell
//!   into a pitfall, with the option values of the debrief (the one scoring fold).
//!
//! What is stored and what is not: `docs/phone-votes.md`.

pub mod agenda;
mod http;
pub mod net;
mod page;
pub mod qr;
pub mod room;
pub mod server;

pub use agenda::{AgendaItem, OptionFacts, Split, TurnFacts, agenda, pitfall_names, room_votes};
pub use http::RequestLimits;
pub use net::{likely_lan_ipv4, url_host};
pub use qr::QrMatrix;
pub use room::{Ballot, RoomVotes, TurnVotes, VoteSource};
pub use server::{DEFAULT_PORT, Rate, VoteConfig, VoteError, VoteServer};
