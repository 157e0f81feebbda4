//! The `after_order` example, run as a user would: complete (seed, `profit_sharing: true`) →
//! `USER_PAID` → refund part → `REFUND.SUCCESS` → profit-share the rest →
//! `PROFITSHARING.SUCCESS` → the trade bill downloaded, SHA1 verified, both rows joined back to
//! the PayScore order.

#![allow(clippy::expect_used, clippy::panic)]

use std::process::Command;

#[test]
fn after_order_walks_the_money_to_the_bill() {
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "-p", "wxpay-settlement", "--example", "after_order"])
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "stdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    let step = |n: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(n))
            .unwrap_or_else(|| panic!("no step {n} in:\n{stdout}"))
            .to_owned()
    };
    assert!(step("1. order").contains("AFTER-ORDER-0001"));
    assert!(step("2. paid").contains("399.00 yuan (transaction 42"));
    assert!(step("3. refund").ends_with("100.00 yuan → PROCESSING → REFUND.SUCCESS SUCCESS"));
    assert!(step("4. share").contains("299.00 yuan to 1900000110"));
    assert!(step("4. share").ends_with("PROFITSHARING.SUCCESS"));
    assert!(step("5. bill").ends_with("2 rows, SHA1 verified, totals match: true"));
    let rows: Vec<&&str> =
        lines.iter().filter(|l| l.contains("→ PayScore order AFTER-ORDER-0001")).collect();
    assert_eq!(rows.len(), 2, "{stdout}");
    assert!(rows[0].trim_start().starts_with("SUCCESS") && rows[0].contains("399.00 yuan"));
    assert!(rows[1].trim_start().starts_with("REFUND") && rows[1].contains("100.00 yuan"));
}
