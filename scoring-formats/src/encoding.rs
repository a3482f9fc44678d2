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
//!
//! GB18030 needs tables (about a third of the web page's download): with
//! the `gb18030` feature (on by default) they come from `encoding_rs`;
//! builds for a browser or Node leave it off and pass the platform's own
//! `TextDecoder` to [`decode_with`]. UTF-8 and UTF-16 need no tables and
//! are decoded here either way.

use std::borrow::Cow;

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

/// A GB18030 decoder given by the platform (see [`decode_with`]).
pub type PlatformDecoder = dyn Fn(&[u8], bool) -> Option<String>;

/// Text decoded from bytes, with the encoding it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// The encoding detected.
    pub encoding: TextEncoding,
}

/// Decodes a text file's bytes (see the module docs for the rule).
/// `source` names the file in errors. Built without the `gb18030`
/// feature, bytes that are not UTF-8 are an error at the first byte that
/// is not: use [`decode_with`].
pub fn decode(source: &str, bytes: &[u8]) -> Result<Decoded, FormatError> {
    decode_borrowed(source, bytes).map(|(text, encoding)| Decoded {
        text: text.into_owned(),
        encoding,
    })
}

/// Decodes like [`decode`], with GB18030 decoded by `gb18030`: the
/// platform's decoder (a browser's or Node's `TextDecoder("gb18030",
/// { fatal: true })`). It is given bytes and whether more may follow (the
/// decoder's `stream` option: a sequence cut at the end is then no error),
/// and returns the text, or `None` for bytes it cannot decode. The first
/// bad byte is found by asking it about prefixes of the file, so that the
/// error names the same byte as the built-in tables would.
pub fn decode_with(
    source: &str,
    bytes: &[u8],
    gb18030: &PlatformDecoder,
) -> Result<Decoded, FormatError> {
    decode_borrowed_with(source, bytes, Some(gb18030)).map(|(text, encoding)| Decoded {
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
    decode_borrowed_with(source, bytes, BUILTIN_GB18030)
}

fn decode_borrowed_with<'b>(
    source: &str,
    bytes: &'b [u8],
    gb18030: Option<&PlatformDecoder>,
) -> Result<(Cow<'b, str>, TextEncoding), FormatError> {
    // The line holding the bad byte: line feeds before it (one byte in
    // UTF-8 and GB18030, whose multi-byte sequences never hold 0x0A; one
    // code unit in UTF-16).
    let wide = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let bad = |offset: usize| {
        let before = &bytes[..offset.min(bytes.len())];
        let feeds = if wide {
            before[2.min(before.len())..]
                .chunks_exact(2)
                .filter(|u| *u == [0x0A, 0] || *u == [0, 0x0A])
                .count()
        } else {
            before.iter().filter(|&&b| b == b'\n').count()
        };
        FormatError::Encoding {
            file: source.to_string(),
            offset,
            line: feeds as u64 + 1,
        }
    };
    if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(body)
            .map(|text| (Cow::Borrowed(text), TextEncoding::Utf8Bom))
            .map_err(|e| bad(3 + e.valid_up_to()));
    }
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(body, u16::from_le_bytes)
            .map(|text| (Cow::Owned(text), TextEncoding::Utf16Le))
            .map_err(|at| bad(2 + at));
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(body, u16::from_be_bytes)
            .map(|text| (Cow::Owned(text), TextEncoding::Utf16Be))
            .map_err(|at| bad(2 + at));
    }
    // An Excel 97–2003 workbook (an OLE2 compound file), often kept as
    // `.xls`: said as such, not as text with NUL characters.
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(FormatError::OldExcel {
            file: source.to_string(),
        });
    }
    if bytes.contains(&0) {
        return Err(FormatError::NulBytes {
            file: source.to_string(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), TextEncoding::Utf8)),
        // No GB18030 decoder in this build: the first byte that is not
        // UTF-8.
        Err(e) => match gb18030 {
            None => Err(bad(e.valid_up_to())),
            Some(gb18030) => match gb18030(bytes, false) {
                Some(text) => Ok((Cow::Owned(text), TextEncoding::Gb18030)),
                None => Err(bad(first_bad_byte(bytes, gb18030))),
            },
        },
    }
}

/// UTF-16 code units in `body` (after the BOM); an unpaired surrogate or
/// an odd last byte is an error at its byte offset.
fn utf16(body: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, usize> {
    let units = body.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                out.push(c);
                at += 2 * c.len_utf16();
            }
            Err(_) => return Err(at),
        }
    }
    if body.len() % 2 == 1 {
        return Err(body.len() - 1);
    }
    Ok(out)
}

/// The offset where the first sequence `decoder` cannot decode starts
/// (`bytes` as a whole it cannot). Asks about prefixes: the shortest one
/// that fails even when more may follow ends at the bad byte; the longest
/// one before it that decodes as it stands is where the bad sequence
/// starts (GB18030 sequences are at most four bytes).
fn first_bad_byte(bytes: &[u8], decoder: &PlatformDecoder) -> usize {
    let end = if decoder(bytes, true).is_some() {
        // Only the last sequence is bad: cut short by the end of the file.
        bytes.len()
    } else {
        // Invariant: `bytes[..lo]` decodes (more to come), `bytes[..hi]` does not.
        let (mut lo, mut hi) = (0, bytes.len());
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if decoder(&bytes[..mid], true).is_some() {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        hi - 1
    };
    (end.saturating_sub(3)..=end)
        .rev()
        .find(|&k| decoder(&bytes[..k], false).is_some())
        .unwrap_or(0)
}

/// The GB18030 decoder of this build: `encoding_rs`'s tables with the
/// `gb18030` feature, none without.
#[cfg(feature = "gb18030")]
const BUILTIN_GB18030: Option<&PlatformDecoder> = Some(&builtin_gb18030);
#[cfg(not(feature = "gb18030"))]
const BUILTIN_GB18030: Option<&PlatformDecoder> = None;

/// GB18030 by `encoding_rs`'s tables (`stream`: more may follow).
#[cfg(feature = "gb18030")]
pub(crate) fn builtin_gb18030(bytes: &[u8], stream: bool) -> Option<String> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let (result, _) = decoder.decode_to_string_without_replacement(bytes, &mut out, !stream);
    (result == encoding_rs::DecoderResult::InputEmpty).then_some(out)
}

/// Encodes text as GB18030, as Chinese Excel saves CSV (for tests and for
/// users who need that form).
#[cfg(feature = "gb18030")]
pub fn encode_gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
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
    fn an_old_excel_workbook_is_said_to_be_one() {
        let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        bytes.extend_from_slice(&[0; 504]);
        let e = decode("2017.xls", &bytes).unwrap_err();
        assert_eq!(
            e,
            FormatError::OldExcel {
                file: "2017.xls".into()
            }
        );
        assert_eq!(e.code(), "format.xls");
        assert!(
            e.message(Lang::Zh).contains("另存为"),
            "{}",
            e.message(Lang::Zh)
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
                offset: 11,
                line: 2
            }
        );
        assert!(err.message(Lang::Zh).contains("bad.csv"));
    }

    /// The prefixes search finds the byte the tables report, on every
    /// kind of bad sequence (what the browser's TextDecoder is asked).
    #[test]
    fn a_platform_decoder_locates_the_same_bad_byte() {
        let strict = |bytes: &[u8]| -> Option<usize> {
            let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
            let mut out = String::with_capacity(bytes.len() * 4 + 16);
            match decoder.decode_to_string_without_replacement(bytes, &mut out, true) {
                // The bad sequence ends `unread` bytes before `read`
                // (bytes given back to the stream, as WHATWG says).
                (encoding_rs::DecoderResult::Malformed(bad, unread), read) => {
                    Some(read - bad as usize - unread as usize)
                }
                _ => None,
            }
        };
        let good = encode_gb18030("处室,咨询答复量\n办公室,40\n€𠀀\n");
        let cases: Vec<Vec<u8>> = vec![
            [&good[..], b"\xFF"].concat(),
            [&good[..], b"\xFFx"].concat(),
            [&good[..9], b"\x81\x20", &good[9..]].concat(),
            [&good[..9], b"\x81\xFF", &good[9..]].concat(),
            [&good[..9], b"\x81\x30\x81\x20", &good[9..]].concat(),
            [&good[..9], b"\x81\x30\xFF", &good[9..]].concat(),
            [&good[..], b"\x81"].concat(),
            [&good[..], b"\x81\x30\x81"].concat(),
            b"\xFF\xFF".to_vec(),
        ];
        for bytes in cases {
            let Some(expected) = strict(&bytes) else {
                panic!("not bad: {bytes:?}");
            };
            let with = decode_with("x.csv", &bytes, &builtin_gb18030).unwrap_err();
            assert_eq!(
                with,
                FormatError::Encoding {
                    file: "x.csv".into(),
                    offset: expected,
                    line: 1 + bytes[..expected].iter().filter(|&&b| b == b'\n').count() as u64,
                },
                "{bytes:x?}"
            );
        }
        // Good bytes decode the same either way.
        assert_eq!(
            decode_with("x.csv", &good, &builtin_gb18030).unwrap(),
            decode("x.csv", &good).unwrap()
        );
    }

    #[test]
    fn utf16_errors_are_located() {
        // An unpaired high surrogate as the second unit.
        let bytes = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        assert_eq!(
            decode("u.csv", &bytes).unwrap_err(),
            FormatError::Encoding {
                file: "u.csv".into(),
                offset: 4,
                line: 1
            }
        );
        let odd = [0xFF, 0xFE, b'a', 0, b'b'];
        assert_eq!(
            decode("u.csv", &odd).unwrap_err(),
            FormatError::Encoding {
                file: "u.csv".into(),
                offset: 4,
                line: 1
            }
        );
        let be = [0xFE, 0xFF, 0x59, 0x04, 0, b'\n'];
        assert_eq!(decode("u.csv", &be).unwrap().text, "处\n");
    }

    use scoring_core::Lang;
}
