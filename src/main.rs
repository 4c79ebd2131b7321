//! The `klachtwijs` binary: the command line, and the desktop app when run without a
//! subcommand (see `cli`).

fn main() -> std::process::ExitCode {
    klachtwijs::cli::main()
}
