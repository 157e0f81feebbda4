//! Profit sharing (分账): `/v3/profitsharing/...`.
