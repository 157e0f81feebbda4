//! `/v3/vehicle/transactions/...`: charging a parking and reading the charge.

mod out_trade_no;
mod parking;

pub use out_trade_no::{QueryParkingTransaction, QueryPartnerParkingTransaction};
pub use parking::{ChargeParking, ChargePartnerParking};
