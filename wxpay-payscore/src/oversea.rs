//! Cross-border PayScore (境外).
