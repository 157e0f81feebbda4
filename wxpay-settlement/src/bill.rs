//! Bills (账单): `/v3/bill/...`, and reading the downloaded trade bill.
