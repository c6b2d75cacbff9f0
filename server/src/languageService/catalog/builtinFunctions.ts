// Flink's built-in SQL functions: signature, category, short documentation and the version line they
// appeared in (functions older than 1.20, the oldest supported line, say '1.20').
// Written for completion and hover; grouped like the "System (Built-in) Functions" docs page.

export type FunctionCategory =
  | 'comparison' | 'logical' | 'arithmetic' | 'string' | 'temporal' | 'conditional' | 'conversion'
  | 'collection' | 'json' | 'construction' | 'access' | 'hash' | 'aggregate' | 'window' | 'table'
  | 'grouping' | 'ml' | 'variant' | 'pattern';

export interface BuiltinFunction {
  /** Upper-case name as written in SQL. */
  name: string;
  category: FunctionCategory;
  /** One line per overload, in SQL syntax. */
  signatures: string[];
  description: string;
  /** Version line that introduced it. */
  since: string;
  /** Called without parentheses (CURRENT_DATE, LOCALTIMESTAMP …). */
  niladic?: boolean;
}

const CATEGORY_LABEL: Record<FunctionCategory, string> = {
  comparison: 'Comparison', logical: 'Logical', arithmetic: 'Arithmetic', string: 'String',
  temporal: 'Temporal', conditional: 'Conditional', conversion: 'Type conversion',
  collection: 'Collection', json: 'JSON', construction: 'Value construction', access: 'Value access',
  hash: 'Hash', aggregate: 'Aggregate', window: 'Window table-valued function', table: 'Table function',
  grouping: 'Grouping', ml: 'Model inference', variant: 'Variant', pattern: 'Pattern recognition (MATCH_RECOGNIZE)',
};

export function categoryLabel(category: FunctionCategory): string {
  return CATEGORY_LABEL[category];
}

type Row = [name: string, signatures: string | string[], description: string, since?: string];

function group(category: FunctionCategory, rows: Row[], niladic = false): BuiltinFunction[] {
  return rows.map(([name, signatures, description, since]) => {
    const fn: BuiltinFunction = { name, category, signatures: Array.isArray(signatures) ? signatures : [signatures], description, since: since ?? '1.20' };
    if (niladic) fn.niladic = true;
    return fn;
  });
}

export const BUILTIN_FUNCTIONS: readonly BuiltinFunction[] = [
  ...group('arithmetic', [
    ['ABS', 'ABS(numeric)', 'Absolute value of numeric.'],
    ['MOD', 'MOD(numeric1, numeric2)', 'Remainder of numeric1 divided by numeric2; negative only when numeric1 is negative.'],
    ['POWER', 'POWER(numeric1, numeric2)', 'numeric1 raised to the power of numeric2.'],
    ['SQRT', 'SQRT(numeric)', 'Square root of numeric.'],
    ['LN', 'LN(numeric)', 'Natural logarithm (base e).'],
    ['LOG10', 'LOG10(numeric)', 'Base-10 logarithm.'],
    ['LOG2', 'LOG2(numeric)', 'Base-2 logarithm.'],
    ['LOG', ['LOG(numeric)', 'LOG(base, numeric)'], 'Natural logarithm with one argument; logarithm of numeric to the given base with two.'],
    ['EXP', 'EXP(numeric)', 'e raised to the power of numeric.'],
    ['CEIL', ['CEIL(numeric)', 'CEIL(timepoint TO timeintervalunit)'], 'Rounds up: the smallest integer ≥ numeric, or a time point rounded up to the unit.'],
    ['CEILING', 'CEILING(numeric)', 'Synonym of CEIL.'],
    ['FLOOR', ['FLOOR(numeric)', 'FLOOR(timepoint TO timeintervalunit)'], 'Rounds down: the largest integer ≤ numeric, or a time point rounded down to the unit.'],
    ['SIN', 'SIN(numeric)', 'Sine.'], ['SINH', 'SINH(numeric)', 'Hyperbolic sine (DOUBLE).'],
    ['COS', 'COS(numeric)', 'Cosine.'], ['COSH', 'COSH(numeric)', 'Hyperbolic cosine (DOUBLE).'],
    ['TAN', 'TAN(numeric)', 'Tangent.'], ['TANH', 'TANH(numeric)', 'Hyperbolic tangent (DOUBLE).'],
    ['COT', 'COT(numeric)', 'Cotangent.'],
    ['ASIN', 'ASIN(numeric)', 'Arc sine.'], ['ACOS', 'ACOS(numeric)', 'Arc cosine.'], ['ATAN', 'ATAN(numeric)', 'Arc tangent.'],
    ['ATAN2', 'ATAN2(numeric1, numeric2)', 'Arc tangent of the coordinate (numeric1, numeric2).'],
    ['DEGREES', 'DEGREES(numeric)', 'Converts radians to degrees.'],
    ['RADIANS', 'RADIANS(numeric)', 'Converts degrees to radians.'],
    ['SIGN', 'SIGN(numeric)', 'Signum: -1, 0 or 1.'],
    ['ROUND', ['ROUND(numeric)', 'ROUND(numeric, int)'], 'Rounds to int decimal places (0 by default).'],
    ['TRUNCATE', ['TRUNCATE(numeric)', 'TRUNCATE(numeric, int)'], 'Truncates to int decimal places (0 by default); a negative int zeroes digits left of the point.'],
    ['PI', 'PI()', 'The value closest to π.'],
    ['E', 'E()', 'The value closest to e.'],
    ['RAND', ['RAND()', 'RAND(seed)'], 'Pseudorandom DOUBLE in [0.0, 1.0); the same seed gives the same sequence.'],
    ['RAND_INTEGER', ['RAND_INTEGER(bound)', 'RAND_INTEGER(seed, bound)'], 'Pseudorandom INT in [0, bound).'],
    ['UUID', 'UUID()', 'A random (type 4, RFC 4122) UUID string.'],
    ['BIN', 'BIN(int)', 'Binary string representation of an integer, e.g. BIN(12) = \'1100\'.'],
    ['HEX', ['HEX(numeric)', 'HEX(string)'], 'Hexadecimal string of an integer or of the bytes of a string.'],
    ['UNHEX', 'UNHEX(string)', 'Bytes of a hexadecimal string (BINARY); NULL for invalid input.', '2.0'],
    ['PERCENTILE', ['PERCENTILE(expr, percentage)', 'PERCENTILE(expr, percentage, frequency)'], 'Exact percentile value(s) of a numeric column; percentage may be an array. Aggregate.', '2.0'],
  ]),
  ...group('string', [
    ['CHAR_LENGTH', 'CHAR_LENGTH(string)', 'Number of characters in string.'],
    ['CHARACTER_LENGTH', 'CHARACTER_LENGTH(string)', 'Synonym of CHAR_LENGTH.'],
    ['UPPER', 'UPPER(string)', 'string in upper case.'],
    ['LOWER', 'LOWER(string)', 'string in lower case.'],
    ['POSITION', 'POSITION(string1 IN string2)', '1-based position of the first occurrence of string1 in string2; 0 if absent.'],
    ['TRIM', 'TRIM([ BOTH | LEADING | TRAILING ] [ chars ] FROM string)', 'Removes leading and/or trailing characters (whitespace by default).'],
    ['LTRIM', ['LTRIM(string)', 'LTRIM(string, chars)'], 'Removes leading whitespace (or the given characters).'],
    ['RTRIM', ['RTRIM(string)', 'RTRIM(string, chars)'], 'Removes trailing whitespace (or the given characters).'],
    ['BTRIM', ['BTRIM(string)', 'BTRIM(string, chars)'], 'Removes whitespace (or the given characters) from both ends.'],
    ['REPEAT', 'REPEAT(string, int)', 'string repeated int times.'],
    ['REGEXP_REPLACE', 'REGEXP_REPLACE(string, regex, replacement)', 'Replaces every match of the Java regex with replacement.'],
    ['OVERLAY', 'OVERLAY(string1 PLACING string2 FROM start [ FOR length ])', 'Replaces length characters of string1 (default: length of string2) from start with string2.'],
    ['SUBSTRING', ['SUBSTRING(string FROM start [ FOR length ])', 'SUBSTRING(string, start [, length])'], 'Substring from the 1-based start, to the end by default.'],
    ['SUBSTR', 'SUBSTR(string, start [, length])', 'Substring from the 1-based start, to the end by default.'],
    ['REPLACE', 'REPLACE(string, search, replacement)', 'Replaces every (non-overlapping) occurrence of search.'],
    ['REGEXP_EXTRACT', 'REGEXP_EXTRACT(string, regex [, group])', 'The regex group (1-based; 0 = whole match) of the first match.'],
    ['REGEXP_EXTRACT_ALL', 'REGEXP_EXTRACT_ALL(string, regex [, group])', 'Array of the group of every match.'],
    ['REGEXP_COUNT', 'REGEXP_COUNT(string, regex)', 'Number of matches of regex in string.'],
    ['REGEXP_INSTR', 'REGEXP_INSTR(string, regex)', '1-based position of the first match; 0 when none.'],
    ['REGEXP_SUBSTR', 'REGEXP_SUBSTR(string, regex)', 'The first substring matching regex.'],
    ['REGEXP', 'REGEXP(string, regex)', 'TRUE when any substring matches the Java regex.'],
    ['INITCAP', 'INITCAP(string)', 'First letter of each word upper case, the rest lower case.'],
    ['CONCAT', 'CONCAT(string1, string2, ...)', 'Concatenation; NULL if any argument is NULL.'],
    ['CONCAT_WS', 'CONCAT_WS(separator, string1, string2, ...)', 'Concatenation with a separator; skips NULL arguments.'],
    ['LPAD', 'LPAD(string, length, pad)', 'Left-pads (or truncates) string to length characters.'],
    ['RPAD', 'RPAD(string, length, pad)', 'Right-pads (or truncates) string to length characters.'],
    ['FROM_BASE64', 'FROM_BASE64(string)', 'Base64-decoded string.'],
    ['TO_BASE64', 'TO_BASE64(string)', 'Base64-encoded string.'],
    ['ASCII', 'ASCII(string)', 'Numeric value of the first character.'],
    ['CHR', 'CHR(int)', 'The ASCII character with that code (modulo 255).'],
    ['DECODE', 'DECODE(binary, charset)', 'Decodes bytes with a charset (\'UTF-8\', \'ISO-8859-1\', …).'],
    ['ENCODE', 'ENCODE(string, charset)', 'Encodes a string into bytes with a charset.'],
    ['INSTR', 'INSTR(string, substring)', '1-based position of the first occurrence of substring.'],
    ['LEFT', 'LEFT(string, int)', 'The leftmost int characters.'],
    ['RIGHT', 'RIGHT(string, int)', 'The rightmost int characters.'],
    ['LOCATE', 'LOCATE(substring, string [, start])', 'Position of substring in string after start; 0 when absent.'],
    ['PARSE_URL', 'PARSE_URL(url, part [, key])', "Part of a URL: 'HOST', 'PATH', 'QUERY', 'REF', 'PROTOCOL', 'AUTHORITY', 'FILE', 'USERINFO'; with key, one query parameter."],
    ['REVERSE', 'REVERSE(string)', 'The string reversed.'],
    ['SPLIT_INDEX', 'SPLIT_INDEX(string, delimiter, index)', 'The 0-based index-th piece of string split by delimiter.'],
    ['SPLIT', 'SPLIT(string, delimiter)', 'Array of the pieces of string split by delimiter.'],
    ['STR_TO_MAP', 'STR_TO_MAP(string [, pairDelimiter, keyValueDelimiter])', "Map from 'k1=v1,k2=v2' text; delimiters are regexes (defaults ',' and '=')."],
    ['TRANSLATE', 'TRANSLATE(string, from, to)', 'Replaces each character of from by the character at the same place in to.'],
    ['ELT', 'ELT(index, expr1, expr2, ...)', 'The index-th (1-based) expression.'],
    ['PRINTF', 'PRINTF(format, args...)', 'printf-style formatted string.'],
    ['STARTSWITH', 'STARTSWITH(expr, prefix)', 'TRUE if expr starts with prefix (string or binary).'],
    ['ENDSWITH', 'ENDSWITH(expr, suffix)', 'TRUE if expr ends with suffix (string or binary).'],
    ['URL_DECODE', 'URL_DECODE(string)', 'Decodes application/x-www-form-urlencoded text (UTF-8).'],
    ['URL_ENCODE', 'URL_ENCODE(string)', 'Encodes text as application/x-www-form-urlencoded (UTF-8).'],
  ]),
  ...group('temporal', [
    ['DATE', "DATE 'yyyy-MM-dd'", 'A DATE literal.'],
    ['TIME', "TIME 'HH:mm:ss'", 'A TIME literal.'],
    ['TIMESTAMP', "TIMESTAMP 'yyyy-MM-dd HH:mm:ss[.SSS]'", 'A TIMESTAMP literal.'],
    ['INTERVAL', ["INTERVAL 'n' unit", "INTERVAL 'dd hh:mm:ss.fff' DAY TO SECOND", "INTERVAL 'yyyy-mm' YEAR TO MONTH"], 'An interval literal.'],
    ['NOW', 'NOW()', 'Current timestamp in the session time zone (TIMESTAMP_LTZ(3)); synonym of CURRENT_TIMESTAMP.'],
    ['CURRENT_ROW_TIMESTAMP', 'CURRENT_ROW_TIMESTAMP()', 'Current TIMESTAMP_LTZ(3), evaluated for every record in batch and streaming.'],
    ['EXTRACT', 'EXTRACT(unit FROM temporal)', 'A field (YEAR, MONTH, DAY, HOUR, …) of a temporal value as BIGINT.'],
    ['YEAR', 'YEAR(date)', 'Year of a date.'], ['QUARTER', 'QUARTER(date)', 'Quarter (1–4).'],
    ['MONTH', 'MONTH(date)', 'Month (1–12).'], ['WEEK', 'WEEK(date)', 'Week of the year (1–53).'],
    ['DAYOFYEAR', 'DAYOFYEAR(date)', 'Day of the year (1–366).'], ['DAYOFMONTH', 'DAYOFMONTH(date)', 'Day of the month (1–31).'],
    ['DAYOFWEEK', 'DAYOFWEEK(date)', 'Day of the week (1 = Sunday … 7).'],
    ['HOUR', 'HOUR(timestamp)', 'Hour (0–23).'], ['MINUTE', 'MINUTE(timestamp)', 'Minute (0–59).'], ['SECOND', 'SECOND(timestamp)', 'Second (0–59).'],
    ['DATE_FORMAT', 'DATE_FORMAT(timestamp, format)', "Formats a timestamp or string with a Java date pattern, e.g. 'yyyy-MM-dd HH:mm'."],
    ['TIMESTAMPADD', 'TIMESTAMPADD(unit, interval, timepoint)', 'Adds interval units to a time point.'],
    ['TIMESTAMPDIFF', 'TIMESTAMPDIFF(unit, timepoint1, timepoint2)', 'Signed number of units between two time points.'],
    ['CONVERT_TZ', 'CONVERT_TZ(string, fromZone, toZone)', "Converts a 'yyyy-MM-dd HH:mm:ss' datetime between time zones."],
    ['FROM_UNIXTIME', 'FROM_UNIXTIME(seconds [, format])', 'Formats epoch seconds in the session time zone.'],
    ['UNIX_TIMESTAMP', ['UNIX_TIMESTAMP()', 'UNIX_TIMESTAMP(string [, format])'], 'Current epoch seconds, or epoch seconds of a datetime string.'],
    ['TO_DATE', 'TO_DATE(string [, format])', "Parses a date ('yyyy-MM-dd' by default)."],
    ['TO_TIMESTAMP', 'TO_TIMESTAMP(string [, format])', "Parses a TIMESTAMP ('yyyy-MM-dd HH:mm:ss' by default) in UTC+0."],
    ['TO_TIMESTAMP_LTZ', ['TO_TIMESTAMP_LTZ(epoch, precision)', 'TO_TIMESTAMP_LTZ(string [, format [, timezone]])'], 'Epoch (precision 0 = seconds, 3 = milliseconds) or a datetime string to TIMESTAMP_LTZ.'],
    ['CURRENT_WATERMARK', 'CURRENT_WATERMARK(rowtime)', 'Current watermark of a rowtime attribute, NULL before the first one; e.g. to drop late rows.'],
  ]),
  ...group('temporal', [
    ['LOCALTIME', 'LOCALTIME', 'Current TIME(0) in the session time zone.'],
    ['LOCALTIMESTAMP', 'LOCALTIMESTAMP', 'Current TIMESTAMP(3) in the session time zone.'],
    ['CURRENT_TIME', 'CURRENT_TIME', 'Current TIME(0) in the session time zone.'],
    ['CURRENT_DATE', 'CURRENT_DATE', 'Current DATE in the session time zone.'],
    ['CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP', 'Current TIMESTAMP_LTZ(3); per record in streaming, once per query in batch.'],
    ['PROCTIME', 'PROCTIME()', 'Processing-time attribute, e.g. `pt AS PROCTIME()` in CREATE TABLE (needed for lookup joins).'],
  ], true).map((f) => (f.name === 'PROCTIME' ? { ...f, niladic: false } : f)),
  ...group('conditional', [
    ['CASE', ['CASE value WHEN v1 THEN r1 [ WHEN … ] [ ELSE r ] END', 'CASE WHEN cond1 THEN r1 [ WHEN … ] [ ELSE r ] END'], 'Simple or searched CASE expression.'],
    ['NULLIF', 'NULLIF(value1, value2)', 'NULL if value1 equals value2, else value1.'],
    ['COALESCE', 'COALESCE(value1, value2, ...)', 'The first non-NULL argument.'],
    ['IF', 'IF(condition, trueValue, falseValue)', 'trueValue when condition is TRUE, else falseValue.'],
    ['IFNULL', 'IFNULL(input, nullReplacement)', 'nullReplacement when input is NULL.'],
    ['IS_ALPHA', 'IS_ALPHA(string)', 'TRUE if every character is a letter.'],
    ['IS_DECIMAL', 'IS_DECIMAL(string)', 'TRUE if string parses as a number.'],
    ['IS_DIGIT', 'IS_DIGIT(string)', 'TRUE if every character is a digit.'],
    ['GREATEST', 'GREATEST(value1, value2, ...)', 'The greatest argument; NULL if any is NULL.'],
    ['LEAST', 'LEAST(value1, value2, ...)', 'The least argument; NULL if any is NULL.'],
  ]),
  ...group('conversion', [
    ['CAST', 'CAST(value AS type)', 'Converts to type; fails the job on invalid input.'],
    ['TRY_CAST', 'TRY_CAST(value AS type)', 'Like CAST but NULL on invalid input.'],
    ['TYPEOF', ['TYPEOF(input)', 'TYPEOF(input, force_serializable)'], 'The data type of input as a string.'],
  ]),
  ...group('collection', [
    ['CARDINALITY', 'CARDINALITY(array | map)', 'Number of elements.'],
    ['ELEMENT', 'ELEMENT(array)', 'The only element of a one-element array; NULL if empty.'],
    ['ARRAY_APPEND', 'ARRAY_APPEND(array, element)', 'Array with element added at the end.'],
    ['ARRAY_PREPEND', 'ARRAY_PREPEND(array, element)', 'Array with element added at the front.'],
    ['ARRAY_CONTAINS', 'ARRAY_CONTAINS(array, element)', 'TRUE if the array contains element.'],
    ['ARRAY_DISTINCT', 'ARRAY_DISTINCT(array)', 'Array without duplicates, order kept.'],
    ['ARRAY_POSITION', 'ARRAY_POSITION(array, element)', '1-based position of the first occurrence; 0 when absent.'],
    ['ARRAY_REMOVE', 'ARRAY_REMOVE(array, element)', 'Array without every occurrence of element.'],
    ['ARRAY_REVERSE', 'ARRAY_REVERSE(array)', 'Array in reverse order.'],
    ['ARRAY_SLICE', 'ARRAY_SLICE(array, start [, end])', 'Sub-array between 1-based positions (inclusive).'],
    ['ARRAY_SORT', 'ARRAY_SORT(array [, ascending [, nullFirst]])', 'Sorted array.'],
    ['ARRAY_UNION', 'ARRAY_UNION(array1, array2)', 'Distinct elements of both arrays.'],
    ['ARRAY_CONCAT', 'ARRAY_CONCAT(array1, ...)', 'Concatenation of arrays.'],
    ['ARRAY_EXCEPT', 'ARRAY_EXCEPT(array1, array2)', 'Elements of array1 not in array2.'],
    ['ARRAY_INTERSECT', 'ARRAY_INTERSECT(array1, array2)', 'Elements in both arrays.'],
    ['ARRAY_MAX', 'ARRAY_MAX(array)', 'Greatest element.'],
    ['ARRAY_MIN', 'ARRAY_MIN(array)', 'Least element.'],
    ['ARRAY_JOIN', 'ARRAY_JOIN(array, delimiter [, nullReplacement])', 'Elements joined into a string.'],
    ['MAP_KEYS', 'MAP_KEYS(map)', 'Array of the keys.'],
    ['MAP_VALUES', 'MAP_VALUES(map)', 'Array of the values.'],
    ['MAP_ENTRIES', 'MAP_ENTRIES(map)', 'Array of ROW(key, value).'],
    ['MAP_FROM_ARRAYS', 'MAP_FROM_ARRAYS(keys, values)', 'Map built from a key array and a value array.'],
    ['MAP_UNION', 'MAP_UNION(map1, ...)', 'Union of maps; later maps win on duplicate keys.'],
  ]),
  ...group('json', [
    ['JSON_EXISTS', "JSON_EXISTS(json, path [ { TRUE | FALSE | UNKNOWN | ERROR } ON ERROR ])", 'TRUE if the JSON path matches something.'],
    ['JSON_STRING', 'JSON_STRING(value)', 'Serialises a value to a JSON string.'],
    ['JSON_VALUE', "JSON_VALUE(json, path [ RETURNING type ] [ { NULL | ERROR | DEFAULT expr } ON EMPTY ] [ … ON ERROR ])", 'Scalar at a JSON path (STRING unless RETURNING says otherwise).'],
    ['JSON_QUERY', "JSON_QUERY(json, path [ RETURNING type ] [ { WITHOUT | WITH CONDITIONAL | WITH UNCONDITIONAL } [ ARRAY ] WRAPPER ] [ … ON EMPTY ] [ … ON ERROR ])", 'JSON value (object/array) at a JSON path, as a string or ARRAY<STRING>.'],
    ['JSON_OBJECT', "JSON_OBJECT([ [ KEY ] key VALUE value ]* [ { NULL | ABSENT } ON NULL ])", 'Builds a JSON object string.'],
    ['JSON_ARRAY', "JSON_ARRAY([ value ]* [ { NULL | ABSENT } ON NULL ])", 'Builds a JSON array string.'],
    ['JSON_OBJECTAGG', "JSON_OBJECTAGG([ KEY ] key VALUE value [ { NULL | ABSENT } ON NULL ])", 'Aggregates key/value pairs into a JSON object.'],
    ['JSON_ARRAYAGG', "JSON_ARRAYAGG(value [ { NULL | ABSENT } ON NULL ])", 'Aggregates values into a JSON array.'],
    ['JSON_QUOTE', 'JSON_QUOTE(string)', 'Quotes a string as a JSON string value.'],
    ['JSON_UNQUOTE', 'JSON_UNQUOTE(string)', 'Unquotes a JSON string value.'],
  ]),
  ...group('variant', [
    ['PARSE_JSON', 'PARSE_JSON(json [, allowDuplicateKeys])', 'Parses a JSON string into a VARIANT; fails on invalid JSON.', '2.1'],
    ['TRY_PARSE_JSON', 'TRY_PARSE_JSON(json [, allowDuplicateKeys])', 'Parses a JSON string into a VARIANT; NULL on invalid JSON.', '2.1'],
  ]),
  ...group('construction', [
    ['ROW', 'ROW(value1, value2, ...)', 'A row value (the keyword can be omitted: (v1, v2)).'],
    ['ARRAY', 'ARRAY[value1, value2, ...]', 'An array value.'],
    ['MAP', 'MAP[key1, value1, key2, value2, ...]', 'A map value.'],
    ['OBJECT_OF', "OBJECT_OF(className, key1, value1, ...)", 'A structured-type value of the given class.', '2.1'],
    ['OBJECT_UPDATE', 'OBJECT_UPDATE(object, key1, value1, ...)', 'A structured-type value with some fields replaced.', '2.1'],
  ]),
  ...group('hash', [
    ['MD5', 'MD5(string)', 'MD5 hash as 32 hex digits.'],
    ['SHA1', 'SHA1(string)', 'SHA-1 hash as 40 hex digits.'],
    ['SHA224', 'SHA224(string)', 'SHA-224 hash as 56 hex digits.'],
    ['SHA256', 'SHA256(string)', 'SHA-256 hash as 64 hex digits.'],
    ['SHA384', 'SHA384(string)', 'SHA-384 hash as 96 hex digits.'],
    ['SHA512', 'SHA512(string)', 'SHA-512 hash as 128 hex digits.'],
    ['SHA2', 'SHA2(string, bits)', 'SHA-2 hash with 224, 256, 384 or 512 bits.'],
  ]),
  ...group('aggregate', [
    ['COUNT', ['COUNT(*)', 'COUNT([ ALL | DISTINCT ] expr)'], 'Number of rows, or of non-NULL (distinct) values.'],
    ['AVG', 'AVG([ ALL | DISTINCT ] expr)', 'Average.'],
    ['SUM', 'SUM([ ALL | DISTINCT ] expr)', 'Sum; NULL for no input.'],
    ['MAX', 'MAX([ ALL | DISTINCT ] expr)', 'Maximum.'],
    ['MIN', 'MIN([ ALL | DISTINCT ] expr)', 'Minimum.'],
    ['STDDEV_POP', 'STDDEV_POP(expr)', 'Population standard deviation.'],
    ['STDDEV_SAMP', 'STDDEV_SAMP(expr)', 'Sample standard deviation.'],
    ['VAR_POP', 'VAR_POP(expr)', 'Population variance.'],
    ['VAR_SAMP', 'VAR_SAMP(expr)', 'Sample variance.'],
    ['VARIANCE', 'VARIANCE(expr)', 'Synonym of VAR_SAMP.'],
    ['COLLECT', 'COLLECT([ ALL | DISTINCT ] expr)', 'Multiset of the values.'],
    ['ARRAY_AGG', 'ARRAY_AGG([ ALL | DISTINCT ] expr [ RESPECT NULLS | IGNORE NULLS ])', 'Array of the values.'],
    ['LISTAGG', 'LISTAGG(expr [, separator])', "Values joined into a string (separator ',' by default)."],
    ['FIRST_VALUE', 'FIRST_VALUE(expr)', 'First value of the group (input order).'],
    ['LAST_VALUE', 'LAST_VALUE(expr)', 'Last value of the group (input order).'],
    ['RANK', 'RANK()', 'Rank with gaps, in an OVER window (Top-N).'],
    ['DENSE_RANK', 'DENSE_RANK()', 'Rank without gaps, in an OVER window.'],
    ['ROW_NUMBER', 'ROW_NUMBER()', 'Sequential number per partition, in an OVER window (Top-N, deduplication).'],
    ['PERCENT_RANK', 'PERCENT_RANK()', 'Relative rank (0–1), in an OVER window.'],
    ['CUME_DIST', 'CUME_DIST()', 'Cumulative distribution, in an OVER window.'],
    ['NTILE', 'NTILE(n)', 'Bucket number 1..n, in an OVER window.'],
    ['LEAD', 'LEAD(expr [, offset [, default]])', 'Value offset rows after the current one, in an OVER window.'],
    ['LAG', 'LAG(expr [, offset [, default]])', 'Value offset rows before the current one, in an OVER window.'],
    ['BIT_AND', 'BIT_AND(expr)', 'Bitwise AND of the values.'],
    ['BIT_OR', 'BIT_OR(expr)', 'Bitwise OR of the values.'],
    ['BIT_XOR', 'BIT_XOR(expr)', 'Bitwise XOR of the values.'],
  ]),
  ...group('grouping', [
    ['GROUPING', 'GROUPING(expr1 [, expr2]*)', 'Bit vector telling which grouping expressions are aggregated away in GROUPING SETS/ROLLUP/CUBE.'],
    ['GROUPING_ID', 'GROUPING_ID(expr1 [, expr2]*)', 'Synonym of GROUPING.'],
    ['GROUP_ID', 'GROUP_ID()', 'Identifies duplicate grouping sets.'],
  ]),
  ...group('window', [
    ['TUMBLE', 'TUMBLE(TABLE data, DESCRIPTOR(timecol), size [, offset])', 'Tumbling windows: fixed size, no overlap. Adds window_start, window_end, window_time.'],
    ['HOP', 'HOP(TABLE data, DESCRIPTOR(timecol), slide, size [, offset])', 'Hopping (sliding) windows of size every slide. Adds window_start, window_end, window_time.'],
    ['CUMULATE', 'CUMULATE(TABLE data, DESCRIPTOR(timecol), step, size)', 'Windows growing by step up to size. Adds window_start, window_end, window_time.'],
    ['SESSION', 'SESSION(TABLE data [ PARTITION BY keycols ], DESCRIPTOR(timecol), gap)', 'Session windows closed after gap of inactivity. Adds window_start, window_end, window_time.'],
    ['DESCRIPTOR', 'DESCRIPTOR(column)', 'Names the time attribute column passed to a window or model function.'],
  ]),
  ...group('window', [
    ['SOURCE_WATERMARK', 'SOURCE_WATERMARK()', 'In `WATERMARK FOR col AS SOURCE_WATERMARK()`: use the watermarks the source connector emits.'],
    ['TUMBLE_START', 'TUMBLE_START(time_attr, interval)', 'Legacy group window: start of the tumbling window (use the TUMBLE TVF instead).'],
    ['TUMBLE_END', 'TUMBLE_END(time_attr, interval)', 'Legacy group window: end of the tumbling window.'],
    ['TUMBLE_ROWTIME', 'TUMBLE_ROWTIME(time_attr, interval)', 'Legacy group window: rowtime attribute of the window.'],
    ['TUMBLE_PROCTIME', 'TUMBLE_PROCTIME(time_attr, interval)', 'Legacy group window: proctime attribute of the window.'],
    ['HOP_START', 'HOP_START(time_attr, slide, size)', 'Legacy group window: start of the hopping window.'],
    ['HOP_END', 'HOP_END(time_attr, slide, size)', 'Legacy group window: end of the hopping window.'],
    ['HOP_ROWTIME', 'HOP_ROWTIME(time_attr, slide, size)', 'Legacy group window: rowtime attribute of the window.'],
    ['HOP_PROCTIME', 'HOP_PROCTIME(time_attr, slide, size)', 'Legacy group window: proctime attribute of the window.'],
    ['SESSION_START', 'SESSION_START(time_attr, gap)', 'Legacy group window: start of the session window.'],
    ['SESSION_END', 'SESSION_END(time_attr, gap)', 'Legacy group window: end of the session window.'],
    ['SESSION_ROWTIME', 'SESSION_ROWTIME(time_attr, gap)', 'Legacy group window: rowtime attribute of the window.'],
    ['SESSION_PROCTIME', 'SESSION_PROCTIME(time_attr, gap)', 'Legacy group window: proctime attribute of the window.'],
  ]),
  ...group('pattern', [
    ['FIRST', 'FIRST(var.col [, n])', 'MATCH_RECOGNIZE: value of the first (or n-th) row mapped to the pattern variable.'],
    ['LAST', 'LAST(var.col [, n])', 'MATCH_RECOGNIZE: value of the last (or n-th from last) row mapped to the pattern variable.'],
    ['PREV', 'PREV(var.col [, n])', 'MATCH_RECOGNIZE: value n rows (default 1) before the current row.'],
    ['NEXT', 'NEXT(var.col [, n])', 'MATCH_RECOGNIZE: value n rows after the current row.'],
    ['CLASSIFIER', 'CLASSIFIER()', 'MATCH_RECOGNIZE: the pattern variable the row was mapped to.'],
    ['MATCH_NUMBER', 'MATCH_NUMBER()', 'MATCH_RECOGNIZE: sequential number of the match.'],
    ['MATCH_ROWTIME', 'MATCH_ROWTIME([var.rowtime])', 'MATCH_RECOGNIZE: rowtime attribute of the match, for time-based operations downstream.'],
    ['MATCH_PROCTIME', 'MATCH_PROCTIME()', 'MATCH_RECOGNIZE: proctime attribute of the match.'],
  ]),
  ...group('table', [
    ['UNNEST', 'UNNEST(array | map | multiset)', 'Expands a collection into rows; use in CROSS JOIN UNNEST(...) AS t (col).'],
    ['FROM_CHANGELOG', "FROM_CHANGELOG(input => TABLE t PARTITION BY key, op => DESCRIPTOR(op_col) [, op_mapping => MAP['c', 'INSERT', ...]])", 'Built-in process table function: reads an append-only stream whose rows carry an operation code and turns it into an updating table.', '2.3'],
    ['TO_CHANGELOG', 'TO_CHANGELOG(input => TABLE t PARTITION BY key [, ...])', 'Built-in process table function: turns an updating table into an append-only stream with the change kind as an explicit operation column.', '2.3'],
  ]),
  ...group('ml', [
    ['ML_PREDICT', "ML_PREDICT(TABLE input, MODEL model, DESCRIPTOR(cols) [, CONFIG => MAP[...]])", 'Runs a model created with CREATE MODEL over each row; adds the model outputs as columns.', '2.1'],
    ['VECTOR_SEARCH', 'VECTOR_SEARCH(TABLE index, DESCRIPTOR(col), query, topK [, config])', 'Nearest-neighbour search against a vector index table.', '2.2'],
    ['ML_EVALUATE', 'ML_EVALUATE(TABLE input, MODEL model, DESCRIPTOR(label), DESCRIPTOR(features) [, task, config])', 'Evaluates a model created with CREATE MODEL against labelled rows and returns its metrics (the release that added it is not documented; flagged from 2.1).', '2.1'],
  ]),
];

/** Functions that exist in a version line, by upper-case name. */
const byVersion = new Map<string, ReadonlyMap<string, BuiltinFunction>>();

export function builtinFunctions(version: string): ReadonlyMap<string, BuiltinFunction> {
  let map = byVersion.get(version);
  if (!map) {
    const built = new Map<string, BuiltinFunction>();
    const [vm = 0, vn = 0] = version.split('.').map(Number);
    for (const fn of BUILTIN_FUNCTIONS) {
      const [fm = 0, fnn = 0] = fn.since.split('.').map(Number);
      if (fm < vm || (fm === vm && fnn <= vn)) built.set(fn.name, fn);
    }
    map = built;
    byVersion.set(version, map);
  }
  return map;
}

/** The function definition regardless of version (to say "needs Flink X.Y"). */
export function anyVersionFunction(name: string): BuiltinFunction | undefined {
  const upper = name.toUpperCase();
  return BUILTIN_FUNCTIONS.find((f) => f.name === upper);
}

export function describeFunction(fn: BuiltinFunction): string {
  const since = fn.since !== '1.20' ? ` · since Flink ${fn.since}` : '';
  return ['```sql', ...fn.signatures, '```', `_${categoryLabel(fn.category)} function${since}_`, '', fn.description].join('\n');
}
