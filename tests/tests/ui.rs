//! Compile-fail and compile-pass tests of `#[endpoint]`, run with trybuild.
//!
//! Regenerate the `.stderr` snapshots with
//! `TRYBUILD=overwrite cargo test -p wxpay-tests --test ui` and review the diff; never edit
//! them by hand. One case: `cargo test -p wxpay-tests --test ui -- trybuild=name.rs`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
