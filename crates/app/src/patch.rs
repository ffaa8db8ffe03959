//! PATCH semantics: an absent field stays as it is, `null` clears it, a value sets it.

use serde::{Deserialize, Deserializer};

/// Deserializes a field that distinguishes "absent" (`None`, via `#[serde(default)]`) from
/// "null" (`Some(None)`) and "value" (`Some(Some(v))`).
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}
