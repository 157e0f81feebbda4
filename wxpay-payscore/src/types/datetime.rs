//! The time formats of PayScore (protocol §10.2): `yyyyMMddHHmmss` / `yyyyMMdd` local times,
//! the literal `OnAccept`, and RFC 3339 with an offset.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, format_description::well_known};

/// A string that is not in the expected PayScore time format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidTime {
    /// The accepted format(s), e.g. `` `yyyyMMddHHmmss` or `yyyyMMdd` ``.
    pub expected: &'static str,
    /// The rejected input (truncated to 64 characters).
    pub input: String,
}

impl InvalidTime {
    fn new(expected: &'static str, input: &str) -> Self {
        Self { expected, input: input.chars().take(64).collect() }
    }
}

impl fmt::Display for InvalidTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid time `{}`: expected {}", self.input, self.expected)
    }
}

impl std::error::Error for InvalidTime {}

const SERVICE_TIME: &str = "`yyyyMMddHHmmss` or `yyyyMMdd`";
const START_TIME: &str = "`yyyyMMddHHmmss`, `yyyyMMdd` or `OnAccept`";
const SERVICE_DATE: &str = "`yyyyMMdd`";
const RFC3339: &str = "RFC 3339 with an offset, e.g. `2019-11-11T16:24:05+08:00`";

/// Parses a run of ASCII digits (already checked) as a number.
fn digits(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0'))
}

/// Parses exactly eight digits `yyyyMMdd` into a valid calendar date.
fn parse_date(bytes: &[u8]) -> Option<Date> {
    if bytes.len() != 8 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year = i32::try_from(digits(&bytes[..4])).ok()?;
    let month = Month::try_from(u8::try_from(digits(&bytes[4..6])).ok()?).ok()?;
    let day = u8::try_from(digits(&bytes[6..8])).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// Parses exactly six digits `HHmmss` into a valid time of day.
fn parse_time(bytes: &[u8]) -> Option<Time> {
    if bytes.len() != 6 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let [hour, minute, second] =
        [&bytes[..2], &bytes[2..4], &bytes[4..]].map(|part| u8::try_from(digits(part)).ok());
    Time::from_hms(hour?, minute?, second?).ok()
}

/// Whether `date` can be written with a four-digit year.
fn four_digit_year(date: Date) -> bool {
    (0..=9999).contains(&date.year())
}

fn write_date(f: &mut fmt::Formatter<'_>, date: Date) -> fmt::Result {
    write!(f, "{:04}{:02}{:02}", date.year(), u8::from(date.month()), date.day())
}

/// Implements `Serialize`/`Deserialize` through `Display`/`FromStr`.
macro_rules! serde_via_str {
    ($ty:ty) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// A PayScore service time: `yyyyMMddHHmmss` (`20091225091010`) or a whole day `yyyyMMdd`
/// (`20091225`), in Beijing local time without an offset.
///
/// Used by `time_range.start_time`/`end_time`, `paid_time` and the authorization
/// notifications' `openorclose_time`. Remembers which of the two forms it was given and
/// writes the same form back. A whole day means 00:00:00 of that day where WeChat needs an
/// instant (e.g. `sync`'s `paid_time`).
///
/// ```
/// use wxpay_payscore::ServiceTime;
///
/// let t: ServiceTime = "20091225091010".parse()?;
/// assert!(t.has_time());
/// assert_eq!(t.to_string(), "20091225091010");
/// assert!("20091332".parse::<ServiceTime>().is_err()); // no 32nd of month 13
/// # Ok::<(), wxpay_payscore::InvalidTime>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServiceTime(Repr);

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Repr {
    DateTime(PrimitiveDateTime),
    Date(Date),
}

impl ServiceTime {
    /// A service time with seconds precision, written `yyyyMMddHHmmss`. Sub-second precision
    /// is dropped.
    ///
    /// # Errors
    ///
    /// [`InvalidTime`] if the year is outside 0–9999.
    pub fn from_date_time(date_time: PrimitiveDateTime) -> Result<Self, InvalidTime> {
        if !four_digit_year(date_time.date()) {
            return Err(InvalidTime::new(SERVICE_TIME, &date_time.to_string()));
        }
        let time = date_time.time();
        let seconds = Time::from_hms(time.hour(), time.minute(), time.second())
            .map_err(|_| InvalidTime::new(SERVICE_TIME, &date_time.to_string()))?;
        Ok(Self(Repr::DateTime(date_time.replace_time(seconds))))
    }

    /// A whole day, written `yyyyMMdd`.
    ///
    /// # Errors
    ///
    /// [`InvalidTime`] if the year is outside 0–9999.
    pub fn from_date(date: Date) -> Result<Self, InvalidTime> {
        if !four_digit_year(date) {
            return Err(InvalidTime::new(SERVICE_TIME, &date.to_string()));
        }
        Ok(Self(Repr::Date(date)))
    }

    /// The day.
    #[must_use]
    pub fn date(&self) -> Date {
        match self.0 {
            Repr::DateTime(date_time) => date_time.date(),
            Repr::Date(date) => date,
        }
    }

    /// The time of day, `None` for the `yyyyMMdd` form.
    #[must_use]
    pub fn time(&self) -> Option<Time> {
        match self.0 {
            Repr::DateTime(date_time) => Some(date_time.time()),
            Repr::Date(_) => None,
        }
    }

    /// Whether this is the `yyyyMMddHHmmss` form.
    #[must_use]
    pub fn has_time(&self) -> bool {
        matches!(self.0, Repr::DateTime(_))
    }

    /// The instant this stands for: the `yyyyMMdd` form means 00:00:00 of that day.
    #[must_use]
    pub fn to_date_time(&self) -> PrimitiveDateTime {
        match self.0 {
            Repr::DateTime(date_time) => date_time,
            Repr::Date(date) => date.midnight(),
        }
    }
}

impl FromStr for ServiceTime {
    type Err = InvalidTime;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = s.as_bytes();
        let parsed = match bytes.len() {
            8 => parse_date(bytes).map(Repr::Date),
            14 => parse_date(&bytes[..8])
                .zip(parse_time(&bytes[8..]))
                .map(|(date, time)| Repr::DateTime(PrimitiveDateTime::new(date, time))),
            _ => None,
        };
        parsed.map(Self).ok_or_else(|| InvalidTime::new(SERVICE_TIME, s))
    }
}

impl fmt::Display for ServiceTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_date(f, self.date())?;
        if let Some(time) = self.time() {
            write!(f, "{:02}{:02}{:02}", time.hour(), time.minute(), time.second())?;
        }
        Ok(())
    }
}

impl fmt::Debug for ServiceTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ServiceTime({self})")
    }
}

impl TryFrom<&str> for ServiceTime {
    type Error = InvalidTime;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

serde_via_str!(ServiceTime);

/// The `time_range.start_time` of a new order: a [`ServiceTime`], or `OnAccept`, the moment
/// the user confirms the order (create only; protocol §10.2).
///
/// ```
/// use wxpay_payscore::StartTime;
///
/// assert_eq!("OnAccept".parse::<StartTime>()?, StartTime::OnAccept);
/// assert_eq!("20091225".parse::<StartTime>()?.to_string(), "20091225");
/// # Ok::<(), wxpay_payscore::InvalidTime>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum StartTime {
    /// A given time, `yyyyMMddHHmmss` or `yyyyMMdd`.
    At(ServiceTime),
    /// `OnAccept`: when the user confirms the order.
    OnAccept,
}

impl StartTime {
    /// The service time, `None` for `OnAccept`.
    #[must_use]
    pub fn service_time(&self) -> Option<ServiceTime> {
        match self {
            Self::At(time) => Some(*time),
            Self::OnAccept => None,
        }
    }
}

impl From<ServiceTime> for StartTime {
    fn from(time: ServiceTime) -> Self {
        Self::At(time)
    }
}

impl FromStr for StartTime {
    type Err = InvalidTime;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "OnAccept" {
            return Ok(Self::OnAccept);
        }
        s.parse().map(Self::At).map_err(|_| InvalidTime::new(START_TIME, s))
    }
}

impl fmt::Display for StartTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::At(time) => time.fmt(f),
            Self::OnAccept => f.write_str("OnAccept"),
        }
    }
}

impl fmt::Debug for StartTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StartTime({self})")
    }
}

impl TryFrom<&str> for StartTime {
    type Error = InvalidTime;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

serde_via_str!(StartTime);

/// A day written `yyyyMMdd` only, e.g. `prepaid_time` of the fee messages (`20231218`).
///
/// ```
/// use wxpay_payscore::ServiceDate;
///
/// let day: ServiceDate = "20231218".parse()?;
/// assert_eq!(day.to_string(), "20231218");
/// assert!("20231218091010".parse::<ServiceDate>().is_err());
/// # Ok::<(), wxpay_payscore::InvalidTime>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ServiceDate(Date);

impl ServiceDate {
    /// A day.
    ///
    /// # Errors
    ///
    /// [`InvalidTime`] if the year is outside 0–9999.
    pub fn new(date: Date) -> Result<Self, InvalidTime> {
        if four_digit_year(date) {
            Ok(Self(date))
        } else {
            Err(InvalidTime::new(SERVICE_DATE, &date.to_string()))
        }
    }

    /// The day.
    #[must_use]
    pub fn date(&self) -> Date {
        self.0
    }
}

impl FromStr for ServiceDate {
    type Err = InvalidTime;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_date(s.as_bytes()).map(Self).ok_or_else(|| InvalidTime::new(SERVICE_DATE, s))
    }
}

impl fmt::Display for ServiceDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_date(f, self.0)
    }
}

impl fmt::Debug for ServiceDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ServiceDate({self})")
    }
}

impl TryFrom<&str> for ServiceDate {
    type Error = InvalidTime;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

serde_via_str!(ServiceDate);

/// An RFC 3339 date-time with an offset, e.g. `2019-11-11T16:24:05+08:00`, optionally with
/// fractional seconds (`2015-05-20T13:29:35.120+08:00`).
///
/// Keeps the offset it was given (`+08:00` stays `+08:00`; `Z` is written `+00:00`).
/// Written back with milliseconds when the sub-second part is whole milliseconds, otherwise
/// with as many digits as needed (up to nanoseconds), and without a fraction when there is
/// none. Equality compares instants, as [`OffsetDateTime`] does.
///
/// ```
/// use wxpay_payscore::Rfc3339;
///
/// let t: Rfc3339 = "2015-05-20T13:29:35.120+08:00".parse()?;
/// assert_eq!(t.to_string(), "2015-05-20T13:29:35.120+08:00");
/// assert!("2019-11-11T16:24:05".parse::<Rfc3339>().is_err()); // no offset
/// # Ok::<(), wxpay_payscore::InvalidTime>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rfc3339(OffsetDateTime);

impl Rfc3339 {
    /// Wraps a date-time.
    ///
    /// # Errors
    ///
    /// [`InvalidTime`] if it cannot be written in RFC 3339: a year outside 0–9999, or an
    /// offset with seconds.
    pub fn new(date_time: OffsetDateTime) -> Result<Self, InvalidTime> {
        if four_digit_year(date_time.date()) && date_time.offset().seconds_past_minute() == 0 {
            Ok(Self(date_time))
        } else {
            Err(InvalidTime::new(RFC3339, &date_time.to_string()))
        }
    }

    /// The date-time, with the offset it was given.
    #[must_use]
    pub fn date_time(&self) -> OffsetDateTime {
        self.0
    }
}

impl TryFrom<OffsetDateTime> for Rfc3339 {
    type Error = InvalidTime;
    fn try_from(date_time: OffsetDateTime) -> Result<Self, Self::Error> {
        Self::new(date_time)
    }
}

impl From<Rfc3339> for OffsetDateTime {
    fn from(value: Rfc3339) -> Self {
        value.0
    }
}

impl FromStr for Rfc3339 {
    type Err = InvalidTime;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OffsetDateTime::parse(s, &well_known::Rfc3339)
            .ok()
            .and_then(|date_time| Self::new(date_time).ok())
            .ok_or_else(|| InvalidTime::new(RFC3339, s))
    }
}

impl fmt::Display for Rfc3339 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )?;
        let nanos = t.nanosecond();
        if nanos != 0 {
            if nanos.is_multiple_of(1_000_000) {
                write!(f, ".{:03}", nanos / 1_000_000)?;
            } else {
                let digits = format!("{nanos:09}");
                write!(f, ".{}", digits.trim_end_matches('0'))?;
            }
        }
        let (hours, minutes, _) = t.offset().as_hms();
        let sign = if hours < 0 || minutes < 0 { '-' } else { '+' };
        write!(f, "{sign}{:02}:{:02}", hours.unsigned_abs(), minutes.unsigned_abs())
    }
}

impl fmt::Debug for Rfc3339 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rfc3339({self})")
    }
}

impl TryFrom<&str> for Rfc3339 {
    type Error = InvalidTime;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

serde_via_str!(Rfc3339);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use time::macros::{date, datetime, offset};

    use super::*;

    #[test]
    fn service_time_round_trips_both_forms() {
        let full: ServiceTime = "20091225091010".parse().unwrap();
        assert!(full.has_time());
        assert_eq!(full.to_date_time(), datetime!(2009-12-25 09:10:10));
        assert_eq!(full.to_string(), "20091225091010");

        let day: ServiceTime = "20091225".parse().unwrap();
        assert!(!day.has_time());
        assert_eq!(day.time(), None);
        assert_eq!(day.to_date_time(), datetime!(2009-12-25 00:00:00));
        assert_eq!(day.to_string(), "20091225");

        let built = ServiceTime::from_date_time(datetime!(2024-02-29 23:59:59.999)).unwrap();
        assert_eq!(built.to_string(), "20240229235959");
        assert_eq!(ServiceTime::from_date(date!(0001 - 01 - 01)).unwrap().to_string(), "00010101");

        assert_eq!(serde_json::to_string(&full).unwrap(), "\"20091225091010\"");
        assert_eq!(serde_json::from_str::<ServiceTime>("\"20091225\"").unwrap(), day);
    }

    #[test]
    fn service_time_rejects_invalid_input() {
        for bad in [
            "",
            "2009122509101",
            "200912250910100",
            "2009-12-25",
            "20091325",
            "20090229",
            "20091232",
            "20091225241010",
            "20091225096010",
            "20091225091060",
            "2009122509101a",
            "+2009122",
            "２００９１２２５",
            "OnAccept",
            "2019-11-11T16:24:05+08:00",
        ] {
            let err = bad.parse::<ServiceTime>().unwrap_err();
            assert_eq!(err.expected, SERVICE_TIME, "{bad}");
        }
        assert!(serde_json::from_str::<ServiceTime>("\"20091325\"").is_err());
        assert!(serde_json::from_str::<ServiceTime>("20091225").is_err());
        assert!(ServiceTime::from_date(date!(-0001 - 01 - 01)).is_err());
        let err = "x".repeat(100).parse::<ServiceTime>().unwrap_err();
        assert_eq!(err.input.len(), 64);
        assert_eq!(
            "2009".parse::<ServiceTime>().unwrap_err().to_string(),
            "invalid time `2009`: expected `yyyyMMddHHmmss` or `yyyyMMdd`"
        );
    }

    #[test]
    fn start_time_accepts_on_accept() {
        assert_eq!("OnAccept".parse::<StartTime>().unwrap(), StartTime::OnAccept);
        assert_eq!(StartTime::OnAccept.to_string(), "OnAccept");
        assert_eq!(StartTime::OnAccept.service_time(), None);
        let at: StartTime = "20091225091010".parse().unwrap();
        assert_eq!(at, StartTime::At("20091225091010".parse().unwrap()));
        assert_eq!(at.to_string(), "20091225091010");
        assert_eq!(serde_json::to_string(&StartTime::OnAccept).unwrap(), "\"OnAccept\"");
        assert_eq!(
            serde_json::from_str::<StartTime>("\"20091225\"").unwrap().to_string(),
            "20091225"
        );
        for bad in ["onaccept", "ONACCEPT", "OnAccept ", "", "2009122"] {
            assert_eq!(bad.parse::<StartTime>().unwrap_err().expected, START_TIME, "{bad}");
        }
    }

    #[test]
    fn service_date_is_day_only() {
        let day: ServiceDate = "20231218".parse().unwrap();
        assert_eq!(day.date(), date!(2023 - 12 - 18));
        assert_eq!(day.to_string(), "20231218");
        assert_eq!(ServiceDate::new(date!(2023 - 01 - 02)).unwrap().to_string(), "20230102");
        assert_eq!(serde_json::to_string(&day).unwrap(), "\"20231218\"");
        for bad in ["20231218091010", "2023121", "20231301", "2023-12-18", ""] {
            assert_eq!(bad.parse::<ServiceDate>().unwrap_err().expected, SERVICE_DATE, "{bad}");
        }
    }

    #[test]
    fn rfc3339_keeps_offset_and_millis() {
        for text in [
            "2019-11-11T16:24:05+08:00",
            "2015-05-20T13:29:35.120+08:00",
            "2015-05-20T13:29:35.001-03:30",
            "2015-05-20T13:29:35.000001+00:00",
            "2015-05-20T13:29:35.123456789+14:00",
        ] {
            let t: Rfc3339 = text.parse().unwrap();
            assert_eq!(t.to_string(), text);
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Rfc3339>(&format!("\"{text}\"")).unwrap(), t);
        }
        let t: Rfc3339 = "2019-11-11T16:24:05+08:00".parse().unwrap();
        assert_eq!(t.date_time(), datetime!(2019-11-11 16:24:05 +8));
        assert_eq!(t.date_time().offset(), offset!(+8));
        let utc: Rfc3339 = "2019-11-11T08:24:05Z".parse().unwrap();
        assert_eq!(utc.to_string(), "2019-11-11T08:24:05+00:00");
        assert_eq!(utc, t, "same instant");
        let built = Rfc3339::new(datetime!(2019-11-11 16:24:05.5 +8)).unwrap();
        assert_eq!(built.to_string(), "2019-11-11T16:24:05.500+08:00");
    }

    #[test]
    fn rfc3339_rejects_invalid_input() {
        for bad in [
            "2019-11-11T16:24:05",
            "2019-11-11",
            "20191111162405",
            "2019-13-11T16:24:05+08:00",
            "2019-11-11T25:24:05+08:00",
            "2019-11-11T16:24:05+8:00",
            "",
        ] {
            assert_eq!(bad.parse::<Rfc3339>().unwrap_err().expected, RFC3339, "{bad}");
        }
        assert!(Rfc3339::new(datetime!(2019-11-11 16:24:05 +08:00:30)).is_err());
        assert!(Rfc3339::new(datetime!(-0001-11-11 16:24:05 +8)).is_err());
    }
}
