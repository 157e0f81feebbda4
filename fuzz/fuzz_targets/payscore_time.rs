//! The PayScore time formats: `ServiceTime` (`yyyyMMddHHmmss` / `yyyyMMdd`), `StartTime`
//! (also `OnAccept`), `ServiceDate` and `Rfc3339`. Property: whatever parses is written back
//! in a form that parses to the same value, and JSON decoding agrees with `FromStr`.
#![no_main]

use std::{fmt::Display, str::FromStr};

use libfuzzer_sys::fuzz_target;
use serde::{Serialize, de::DeserializeOwned};
use wxpay_payscore::{Rfc3339, ServiceDate, ServiceTime, StartTime};

fn round_trip<T>(text: &str)
where
    T: FromStr + Display + PartialEq + std::fmt::Debug + Serialize + DeserializeOwned,
{
    let parsed = text.parse::<T>();
    let json = serde_json::to_string(text).expect("a string serializes");
    let decoded = serde_json::from_str::<T>(&json);
    assert_eq!(parsed.is_ok(), decoded.is_ok(), "FromStr and Deserialize disagree on {text:?}");
    if let Ok(value) = parsed {
        let written = value.to_string();
        let again = written.parse::<T>().unwrap_or_else(|_| panic!("{written:?} does not parse"));
        assert_eq!(again, value, "{text:?} -> {written:?}");
        assert_eq!(again.to_string(), written);
        assert_eq!(
            serde_json::to_string(&value).expect("serializes"),
            serde_json::to_string(&written).expect("serializes")
        );
        let _ = format!("{value:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    round_trip::<ServiceTime>(text);
    round_trip::<StartTime>(text);
    round_trip::<ServiceDate>(text);
    round_trip::<Rfc3339>(text);
});
