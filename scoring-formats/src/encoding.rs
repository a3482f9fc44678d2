//! Text encodings of files saved by Chinese office software.
//!
//! Excel on a Chinese Windows saves "CSV (逗号分隔)" in GBK (a subset of
//! GB18030); "CSV UTF-8" adds a byte-order mark; some tools write UTF-8
//! without one, and "Unicode text" is UTF-16 with a BOM. The rule:
//!
//! 1. A byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE).
//! 2. Otherwise, bytes that are valid UTF-8 are UTF-8.
//! 3. Otherwise the bytes must be valid GB18030; if not, it is an error,
//!    never a guess with replacement characters.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use crate::FormatError;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-8 without one.
    Utf8,
    /// GB18030 (which includes GBK and GB2312).
    Gb18030,
    /// UTF-16, little-endian, with BOM.
    Utf16Le,
    /// UTF-16, big-endian, with BOM.
    Utf16Be,
}

impl TextEncoding {
    /// A short name (`UTF-8`, `GB18030`).
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// Text decoded from bytes, with the encoding it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// The encoding detected.
    pub encoding: TextEncoding,
}

/// Decodes a text file's bytes (see the module docs for the rule).
/// `source` names the file in errors.
pub fn decode(source: &str, bytes: &[u8]) -> Result<Decoded, FormatError> {
    decode_borrowed(source, bytes).map(|(text, encoding)| Decoded {
        text: text.into_owned(),
        encoding,
    })
}

/// Like [`decode`], borrowing the bytes when they are UTF-8 already (a
/// large file is then not copied).
pub(crate) fn decode_borrowed<'b>(
    source: &str,
    bytes: &'b [u8],
) -> Result<(Cow<'b, str>, TextEncoding), FormatError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let kind = if encoding == UTF_8 {
            TextEncoding::Utf8Bom
        } else if encoding == UTF_16LE {
            TextEncoding::Utf16Le
        } else if encoding == UTF_16BE {
            TextEncoding::Utf16Be
        } else {
            TextEncoding::Utf8Bom
        };
        let body = &bytes[bom_len..];
        if encoding == UTF_8
            && let Ok(text) = std::str::from_utf8(body)
        {
            return Ok((Cow::Borrowed(text), kind));
        }
        return strict(source, encoding, body, bom_len).map(|text| (Cow::Owned(text), kind));
    }
    if bytes.contains(&0) {
        return Err(FormatError::NulBytes {
            file: source.to_string(),
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), TextEncoding::Utf8));
    }
    strict(source, GB18030, bytes, 0).map(|text| (Cow::Owned(text), TextEncoding::Gb18030))
}

/// Decodes without replacement characters; the first bad byte is an error.
fn strict(
    source: &str,
    encoding: &'static Encoding,
    bytes: &[u8],
    offset: usize,
) -> Result<String, FormatError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, _) => Err(FormatError::Encoding {
            file: source.to_string(),
            offset: offset + read - bad as usize,
        }),
        encoding_rs::DecoderResult::OutputFull => Err(FormatError::Encoding {
            file: source.to_string(),
            offset: offset + read,
        }),
    }
}

/// Encodes text as GB18030, as Chinese Excel saves CSV (for tests and for
/// users who need that form).
pub fn encode_gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, _) = GB18030.encode(text);
    bytes.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let text = "处室,咨询答复量\n办公室,40\n";
        let d = decode("a.csv", text.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, TextEncoding::Utf8));

        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let d = decode("a.csv", &bom).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, TextEncoding::Utf8Bom));

        let gb = encode_gb18030(text);
        assert_ne!(gb, text.as_bytes());
        let d = decode("a.csv", &gb).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, TextEncoding::Gb18030));

        let mut utf16 = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode("a.csv", &utf16).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, TextEncoding::Utf16Le));
    }

    #[test]
    fn utf16_without_bom_is_an_error() {
        let mut bytes = Vec::new();
        for unit in "office,a\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(
            decode("u16.csv", &bytes),
            Err(FormatError::NulBytes {
                file: "u16.csv".into()
            })
        );
    }

    #[test]
    fn undecodable_bytes_are_an_error_not_a_guess() {
        // 0x80 alone and 0xFF are invalid in both UTF-8 and GB18030.
        let bytes = b"office,a\nx,\xFF\xFF\n";
        let err = decode("bad.csv", bytes).unwrap_err();
        assert_eq!(
            err,
            FormatError::Encoding {
                file: "bad.csv".into(),
                offset: 11
            }
        );
        assert!(err.message(Lang::Zh).contains("bad.csv"));
    }

    use scoring_core::Lang;
}
