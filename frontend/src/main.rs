//! Entry point of the browser app; everything lives in the library so tests can mount parts.

fn main() {
    frontend::start();
}
