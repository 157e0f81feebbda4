//! The README's refunds and profit sharing coverage table matches the code: every endpoint
//! is listed with its method and path as WeChat writes them, and every listed struct exists.
#![allow(missing_docs, clippy::unwrap_used)]

use wxpay_core::Endpoint;
use wxpay_settlement::{profit_sharing, refund};

fn row<E: Endpoint>() -> (String, String) {
    let name = std::any::type_name::<E>().rsplit("::").next().unwrap_or_default().to_owned();
    let path = E::PATH_TEMPLATE.replace('<', "{").replace('>', "}");
    (name, format!("`{} /{path}`", E::METHOD))
}

macro_rules! all {
    ($($e:ty),* $(,)?) => { vec![$(row::<$e>()),*] };
}

const SECTION: &str = "## Refunds and profit sharing coverage";

#[test]
fn readme_coverage_table_matches_the_endpoints() {
    let endpoints = all![
        refund::CreateRefund,
        refund::QueryRefund,
        refund::ApplyAbnormalRefund,
        profit_sharing::AddReceiver,
        profit_sharing::DeleteReceiver,
        profit_sharing::CreateOrder,
        profit_sharing::QueryOrder,
        profit_sharing::UnfreezeOrder,
        profit_sharing::CreateReturn,
        profit_sharing::QueryReturn,
        profit_sharing::QueryUnsplitAmount,
    ];
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let table: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with(SECTION))
        .take_while(|l| !l.starts_with("## ") || l.starts_with(SECTION))
        .filter(|l| l.starts_with('|'))
        .collect();
    for (name, method_path) in &endpoints {
        let cell = format!("`{name}` {method_path}");
        assert!(table.iter().any(|l| l.contains(&cell)), "README coverage table lacks {cell}");
    }
    let listed =
        table.iter().flat_map(|l| l.split("| `").skip(1)).filter(|c| c.contains("` `")).count();
    assert_eq!(listed, endpoints.len(), "the table lists exactly the endpoints");
}
