// Flink SQL parser (Flink 1.20 through 2.3), written for Flink Pilot.
//
// Parses ONE statement at a time (the document is split into statements first by
// server/src/languageService/sql/statementSplitter.ts), which keeps error recovery local and the
// prediction cheap. Written to be SLL-friendly: statement kinds are told apart by their first few
// tokens, expressions are layered (boolean > predicate > value > primary) instead of one big
// left-recursive rule, and optional clauses have distinct leading keywords.
//
// Rule names are a public contract for the language features (see
// server/src/languageService/sql/PARSER_API.md): rename only together with that file.
parser grammar FlinkSqlParser;

options { tokenVocab = FlinkSqlLexer; }

@parser::members {
/**
 * Built-in type keywords that are also non-reserved identifiers and make a complete type on their
 * own. Alone, such a keyword is the built-in type, never a user-defined type name: without this
 * the two readings of `a INT` are ambiguous, and full-LL prediction (used for statements with a
 * syntax error) re-examines every column type of the statement.
 */
private static readonly BARE_TYPE_KEYWORDS: ReadonlySet<number> = new Set([
    FlinkSqlParser.CHAR, FlinkSqlParser.CHARACTER, FlinkSqlParser.VARCHAR, FlinkSqlParser.STRING,
    FlinkSqlParser.BINARY, FlinkSqlParser.VARBINARY, FlinkSqlParser.BYTES, FlinkSqlParser.BOOLEAN,
    FlinkSqlParser.DECIMAL, FlinkSqlParser.DEC, FlinkSqlParser.NUMERIC, FlinkSqlParser.TINYINT,
    FlinkSqlParser.SMALLINT, FlinkSqlParser.INT, FlinkSqlParser.INTEGER, FlinkSqlParser.BIGINT,
    FlinkSqlParser.FLOAT, FlinkSqlParser.REAL, FlinkSqlParser.DOUBLE, FlinkSqlParser.DATE,
    FlinkSqlParser.TIME, FlinkSqlParser.TIMESTAMP, FlinkSqlParser.TIMESTAMP_LTZ, FlinkSqlParser.VARIANT,
]);

/** `x` or `cat.db.x` as a user-defined type: anything but a lone built-in type keyword (`INT.x` is a name). */
protected isUserDefinedTypeName(): boolean {
    return !FlinkSqlParser.BARE_TYPE_KEYWORDS.has(this.tokenStream.LA(1)) || this.tokenStream.LA(2) === FlinkSqlParser.DOT;
}
}

// ===================================================================== statement root

/** One statement of the document; the optional ';' is the statement terminator. */
singleStatement
    : statement SEMICOLON? EOF
    ;

statement
    : queryStatement
    | insertStatement
    | statementSetStatement
    | beginStatementSet
    | endStatementSet
    | explainStatement
    | createCatalog
    | alterCatalog
    | dropCatalog
    | createDatabase
    | alterDatabase
    | dropDatabase
    | createTable
    | replaceTableAs
    | alterTable
    | dropTable
    | createView
    | alterView
    | dropView
    | createFunction
    | alterFunction
    | dropFunction
    | createMaterializedTable
    | alterMaterializedTable
    | dropMaterializedTable
    | createModel
    | alterModel
    | dropModel
    | setStatement
    | resetStatement
    | showStatement
    | describeStatement
    | useStatement
    | loadModule
    | unloadModule
    | addJar
    | removeJar
    | callProcedure
    | analyzeTable
    | truncateTable
    | deleteStatement
    | updateStatement
    | stopJob
    | compilePlan
    | executePlan
    | executeStatement
    | clientCommand
    ;

/** SQL client commands (`HELP`, `QUIT`, `EXIT`, `CLEAR`). */
clientCommand
    : HELP
    | QUIT
    | EXIT
    | CLEAR
    ;

// ===================================================================== DML

/** `INSERT INTO|OVERWRITE t [PARTITION (...)] [(cols)] query [ON CONFLICT ...]` (UPSERT is Flink's synonym). */
insertStatement
    : (INSERT | UPSERT) (INTO | OVERWRITE) tablePath staticPartition? insertColumnList? query onConflict?
    ;

/** Flink 2.3: what an upsert sink does when rows with different upsert keys share its primary key. */
onConflict
    : ON CONFLICT DO (NOTHING | ERROR | DEDUPLICATE)
    ;

insertColumnList
    : LPAREN columnName (COMMA columnName)* RPAREN
    ;

staticPartition
    : PARTITION LPAREN partitionSpecItem (COMMA partitionSpecItem)* RPAREN
    ;

partitionSpecItem
    : identifier (EQ literal)?
    ;

/** `EXECUTE STATEMENT SET BEGIN insert; ... END` (EXECUTE is optional: `STATEMENT SET BEGIN ... END`). */
statementSetStatement
    : EXECUTE? STATEMENT SET BEGIN (statementSetMember SEMICOLON)+ END
    ;

statementSetMember
    : insertStatement
    | createTable
    | replaceTableAs
    ;

/** SQL client form: `BEGIN STATEMENT SET;` ... `END;` (each part is its own statement). */
beginStatementSet
    : BEGIN STATEMENT SET
    ;

endStatementSet
    : END
    ;

deleteStatement
    : DELETE FROM tablePath tableAlias? whereClause?
    ;

updateStatement
    : UPDATE tablePath tableAlias? SET updateAssignment (COMMA updateAssignment)* whereClause?
    ;

updateAssignment
    : columnName EQ expression
    ;

truncateTable
    : TRUNCATE TABLE tablePath
    ;

// ===================================================================== EXPLAIN / EXECUTE / PLANS

explainStatement
    : EXPLAIN explainDetail (COMMA explainDetail)* explainable
    | EXPLAIN (PLAN FOR)? explainable
    ;

explainDetail
    : ESTIMATED_COST
    | CHANGELOG_MODE
    | JSON_EXECUTION_PLAN
    | PLAN_ADVICE
    ;

explainable
    : queryStatement
    | insertStatement
    | statementSetStatement
    | createTable
    | replaceTableAs
    | executePlan
    ;

executeStatement
    : EXECUTE (insertStatement | queryStatement | createTable | replaceTableAs)
    ;

/** `COMPILE PLAN 'file' [IF NOT EXISTS] FOR insert|statement set`, `COMPILE AND EXECUTE PLAN ...`. */
compilePlan
    : COMPILE (AND EXECUTE)? PLAN stringLiteral ifNotExists? FOR (insertStatement | statementSetStatement)
    ;

executePlan
    : EXECUTE PLAN stringLiteral
    ;

stopJob
    : STOP JOB stringLiteral (WITH SAVEPOINT)? (WITH DRAIN)?
    ;

// ===================================================================== catalogs and databases

createCatalog
    : CREATE CATALOG ifNotExists? catalogName commentClause? withOptions?
    ;

alterCatalog
    : ALTER CATALOG catalogName (SET propertyList | RESET propertyKeyList | COMMENT stringLiteral)
    ;

dropCatalog
    : DROP CATALOG ifExists? catalogName
    ;

createDatabase
    : CREATE DATABASE ifNotExists? databasePath commentClause? withOptions?
    ;

alterDatabase
    : ALTER DATABASE databasePath SET propertyList
    ;

dropDatabase
    : DROP DATABASE ifExists? databasePath (RESTRICT | CASCADE)?
    ;

// ===================================================================== tables

/**
 * CREATE TABLE in every form: with a column list, `LIKE`, and CTAS/RTAS (`AS query`,
 * `CREATE OR REPLACE TABLE ... AS`). The clause order is Flink's.
 */
createTable
    : CREATE (OR REPLACE)? TEMPORARY? TABLE ifNotExists? tablePath
      (LPAREN tableElement (COMMA tableElement)* RPAREN)?
      commentClause?
      distributionAndPartitioning?
      withOptions?
      (likeClause | AS query)?
    ;

/** `REPLACE TABLE t [...] AS query` (RTAS). */
replaceTableAs
    : REPLACE TABLE tablePath
      (LPAREN tableElement (COMMA tableElement)* RPAREN)?
      commentClause?
      distributionAndPartitioning?
      withOptions?
      AS query
    ;

tableElement
    : watermarkDefinition
    | tableConstraint
    | columnDefinition
    ;

/** Physical (`a INT`), metadata (`a INT METADATA FROM 'k' VIRTUAL`) or computed (`a AS expr`) column. */
columnDefinition
    : columnName (computedColumnSpec | columnType (metadataColumnSpec | columnConstraint)?) commentClause?
    ;

computedColumnSpec
    : AS expression
    ;

metadataColumnSpec
    : METADATA (FROM stringLiteral)? VIRTUAL?
    ;

columnConstraint
    : (CONSTRAINT identifier)? PRIMARY KEY NOT ENFORCED
    ;

watermarkDefinition
    : WATERMARK FOR columnPath AS expression
    ;

tableConstraint
    : (CONSTRAINT identifier)? (PRIMARY KEY | UNIQUE) LPAREN columnName (COMMA columnName)* RPAREN NOT ENFORCED
    ;

/** `DISTRIBUTED BY [HASH|RANGE](cols) [INTO n BUCKETS]` or `DISTRIBUTED INTO n BUCKETS`. */
distribution
    : DISTRIBUTED BY (HASH | RANGE)? LPAREN columnName (COMMA columnName)* RPAREN (INTO INTEGER_LITERAL BUCKETS)?
    | DISTRIBUTED INTO INTEGER_LITERAL BUCKETS
    ;

/** Flink documents DISTRIBUTED before PARTITIONED for tables and after it for materialized tables; both are accepted. */
distributionAndPartitioning
    : distribution partitionedBy?
    | partitionedBy distribution?
    ;

partitionedBy
    : PARTITIONED BY LPAREN columnName (COMMA columnName)* RPAREN
    ;

likeClause
    : LIKE tablePath (LPAREN likeOption+ RPAREN)?
    ;

likeOption
    : (INCLUDING | EXCLUDING) (ALL | CONSTRAINTS | DISTRIBUTION | GENERATED | METADATA | OPTIONS | PARTITIONS | WATERMARKS)
    | OVERWRITING (GENERATED | METADATA | OPTIONS | WATERMARKS)
    ;

/** `ADD|MODIFY DISTRIBUTION BY HASH(a) INTO n BUCKETS` (DISTRIBUTED is accepted too). */
alterDistribution
    : (DISTRIBUTION | DISTRIBUTED) BY (HASH | RANGE)? LPAREN columnName (COMMA columnName)* RPAREN (INTO INTEGER_LITERAL BUCKETS)?
    | (DISTRIBUTION | DISTRIBUTED) INTO INTEGER_LITERAL BUCKETS
    ;

alterTable
    : ALTER TABLE ifExists? tablePath alterTableAction
    ;

alterTableAction
    : RENAME TO tablePath                                                            # renameTable
    | RENAME columnPath TO columnName                                                # renameColumn
    | SET propertyList                                                               # setTableOptions
    | RESET propertyKeyList                                                          # resetTableOptions
    | ADD ifNotExists? addPartition+                                                 # addPartitions
    | DROP ifExists? dropPartition (COMMA dropPartition)*                            # dropPartitions
    | ADD (alterSchemaItem | LPAREN alterSchemaItem (COMMA alterSchemaItem)* RPAREN)      # addSchema
    | MODIFY (alterSchemaItem | LPAREN alterSchemaItem (COMMA alterSchemaItem)* RPAREN)   # modifySchema
    | DROP PRIMARY KEY                                                               # dropPrimaryKey
    | DROP CONSTRAINT identifier                                                     # dropConstraint
    | DROP WATERMARK                                                                 # dropWatermark
    | DROP DISTRIBUTION                                                              # dropDistribution
    | DROP (columnPath | LPAREN columnPath (COMMA columnPath)* RPAREN)               # dropColumns
    | staticPartition? COMPACT                                                       # compactTable
    ;

addPartition
    : staticPartition withOptions?
    ;

dropPartition
    : staticPartition
    ;

alterSchemaItem
    : watermarkDefinition
    | tableConstraint
    | alterDistribution
    | columnDefinition columnPosition?
    ;

columnPosition
    : FIRST
    | AFTER columnName
    ;

dropTable
    : DROP TEMPORARY? TABLE ifExists? tablePath
    ;

// ===================================================================== views

createView
    : CREATE (OR REPLACE)? TEMPORARY? VIEW ifNotExists? tablePath (LPAREN columnName (COMMA columnName)* RPAREN)?
      commentClause? AS query
    ;

alterView
    : ALTER VIEW tablePath (RENAME TO tablePath | AS query)
    ;

dropView
    : DROP TEMPORARY? VIEW ifExists? tablePath
    ;

// ===================================================================== functions

createFunction
    : CREATE (OR REPLACE)? (TEMPORARY SYSTEM? )? FUNCTION ifNotExists? functionPath
      AS stringLiteral functionLanguage? usingJars? withOptions?
    ;

functionLanguage
    : LANGUAGE (JAVA | SCALA | PYTHON | SQL)
    ;

/** `USING JAR 'path', ...`; Flink 2.3 also accepts ARTIFACT for JAR (mixed in one list too). */
usingJars
    : USING (JAR | ARTIFACT) stringLiteral (COMMA (JAR | ARTIFACT) stringLiteral)*
    ;

alterFunction
    : ALTER (TEMPORARY SYSTEM?)? FUNCTION ifExists? functionPath AS stringLiteral functionLanguage?
    ;

dropFunction
    : DROP (TEMPORARY SYSTEM?)? FUNCTION ifExists? functionPath
    ;

// ===================================================================== materialized tables

createMaterializedTable
    : CREATE (OR ALTER)? MATERIALIZED TABLE ifNotExists? tablePath
      (LPAREN tableElement (COMMA tableElement)* RPAREN)?
      commentClause?
      distributionAndPartitioning?
      withOptions?
      ( startModeClause freshnessClause? refreshModeClause?
      | freshnessClause refreshModeClause? startModeClause?
      | refreshModeClause startModeClause?
      )?
      AS query
    ;

freshnessClause
    : FRESHNESS EQ intervalLiteral
    ;

refreshModeClause
    : REFRESH_MODE EQ (FULL | CONTINUOUS)
    ;

/**
 * Flink 2.3: where the refresh pipeline starts reading. Accepted before or after FRESHNESS /
 * REFRESH_MODE (Flink documents it after WITH and before AS).
 */
startModeClause
    : START_MODE EQ startMode
    ;

startMode
    : FROM_BEGINNING
    | RESUME_OR_FROM_BEGINNING
    | (FROM_NOW | RESUME_OR_FROM_NOW) (LPAREN intervalLiteral RPAREN)?
    | (FROM_TIMESTAMP | RESUME_OR_FROM_TIMESTAMP) LPAREN expression RPAREN
    ;

alterMaterializedTable
    : ALTER MATERIALIZED TABLE ifExists? tablePath alterMaterializedTableAction
    ;

alterMaterializedTableAction
    : SUSPEND
    | RESUME withOptions?
    | REFRESH staticPartition?
    | SET FRESHNESS EQ intervalLiteral
    | SET REFRESH_MODE EQ (FULL | CONTINUOUS)
    | SET propertyList
    | RESET propertyKeyList
    | ADD (alterSchemaItem | LPAREN alterSchemaItem (COMMA alterSchemaItem)* RPAREN)
    | MODIFY (alterSchemaItem | LPAREN alterSchemaItem (COMMA alterSchemaItem)* RPAREN)
    | DROP DISTRIBUTION
    | startModeClause? AS query
    ;

dropMaterializedTable
    : DROP MATERIALIZED TABLE ifExists? tablePath
    ;

// ===================================================================== models

createModel
    : CREATE (OR REPLACE)? TEMPORARY? MODEL ifNotExists? modelPath
      (INPUT LPAREN columnDefinition (COMMA columnDefinition)* RPAREN)?
      (OUTPUT LPAREN columnDefinition (COMMA columnDefinition)* RPAREN)?
      commentClause?
      withOptions?
      (AS query)?
    ;

alterModel
    : ALTER MODEL ifExists? modelPath (RENAME TO modelPath | SET propertyList | RESET propertyKeyList)
    ;

dropModel
    : DROP TEMPORARY? MODEL ifExists? modelPath
    ;

// ===================================================================== SET / RESET / SHOW / DESCRIBE / USE / modules / jars

/** `SET`, `SET 'key' = 'value'` (keys and values are string literals). */
setStatement
    : SET (configKey EQ configValue)?
    ;

resetStatement
    : RESET configKey?
    ;

configKey
    : stringLiteral
    ;

configValue
    : stringLiteral
    ;

showStatement
    : SHOW CATALOGS likePredicate?                                                          # showCatalogs
    | SHOW CURRENT (CATALOG | DATABASE)                                                     # showCurrent
    | SHOW DATABASES ((FROM | IN) catalogName)? likePredicate?                              # showDatabases
    | SHOW TABLES ((FROM | IN) databasePath)? likePredicate?                                # showTables
    | SHOW VIEWS ((FROM | IN) databasePath)? likePredicate?                                 # showViews
    | SHOW MATERIALIZED TABLES ((FROM | IN) databasePath)? likePredicate?                   # showMaterializedTables
    | SHOW MODELS ((FROM | IN) databasePath)? likePredicate?                                # showModels
    | SHOW USER? FUNCTIONS ((FROM | IN) databasePath)? likePredicate?                       # showFunctions
    | SHOW PROCEDURES ((FROM | IN) databasePath)? likePredicate?                            # showProcedures
    | SHOW COLUMNS (FROM | IN) tablePath likePredicate?                                     # showColumns
    | SHOW PARTITIONS tablePath staticPartition?                                            # showPartitions
    | SHOW CREATE (TABLE | VIEW | MATERIALIZED TABLE | MODEL | FUNCTION) tablePath          # showCreate
    | SHOW CREATE CATALOG catalogName                                                       # showCreateCatalog
    | SHOW FULL? MODULES                                                                    # showModules
    | SHOW JARS                                                                             # showJars
    | SHOW JOBS                                                                             # showJobs
    ;

likePredicate
    : NOT? (LIKE | ILIKE) stringLiteral
    ;

describeStatement
    : (DESCRIBE | DESC) CATALOG EXTENDED? catalogName                 # describeCatalog
    | (DESCRIBE | DESC) DATABASE EXTENDED? databasePath               # describeDatabase
    | (DESCRIBE | DESC) FUNCTION EXTENDED? functionPath               # describeFunction
    | (DESCRIBE | DESC) MODEL EXTENDED? modelPath                     # describeModel
    | (DESCRIBE | DESC) JOB stringLiteral                             # describeJob
    | (DESCRIBE | DESC) EXTENDED? tablePath                           # describeTable
    ;

useStatement
    : USE CATALOG catalogName                                         # useCatalog
    | USE MODULES identifier (COMMA identifier)*                      # useModules
    | USE databasePath                                                # useDatabase
    ;

loadModule
    : LOAD MODULE identifier withOptions?
    ;

unloadModule
    : UNLOAD MODULE identifier
    ;

addJar
    : ADD JAR stringLiteral
    ;

removeJar
    : REMOVE JAR stringLiteral
    ;

callProcedure
    : CALL qualifiedName LPAREN (functionArgument (COMMA functionArgument)*)? RPAREN
    ;

analyzeTable
    : ANALYZE TABLE tablePath staticPartition? COMPUTE STATISTICS (FOR ALL COLUMNS | FOR COLUMNS columnName (COMMA columnName)*)?
    ;

// ===================================================================== shared DDL pieces

/** `WITH ('key' = 'value', ...)`: connector, format, catalog and module options. */
withOptions
    : WITH propertyList
    ;

propertyList
    : LPAREN property (COMMA property)* COMMA? RPAREN
    ;

property
    : propertyKey EQ propertyValue
    ;

propertyKey
    : stringLiteral
    ;

propertyValue
    : stringLiteral
    ;

propertyKeyList
    : LPAREN (propertyKey (COMMA propertyKey)*)? RPAREN
    ;

commentClause
    : COMMENT stringLiteral
    ;

ifNotExists
    : IF NOT EXISTS
    ;

ifExists
    : IF EXISTS
    ;

// ===================================================================== queries

queryStatement
    : query
    ;

/** A full query: optional CTEs, set operations, ORDER BY / LIMIT / OFFSET / FETCH. */
query
    : withClause? queryExpression orderByClause? limitClause? offsetClause? fetchClause?
    ;

withClause
    : WITH RECURSIVE? commonTableExpression (COMMA commonTableExpression)*
    ;

commonTableExpression
    : identifier (LPAREN columnName (COMMA columnName)* RPAREN)? AS LPAREN query RPAREN
    ;

queryExpression
    : queryPrimary                                                                    # queryTermDefault
    | left=queryExpression operator=INTERSECT setQuantifier? right=queryExpression    # setOperation
    | left=queryExpression operator=(UNION | EXCEPT | MINUS) setQuantifier? right=queryExpression  # setOperation
    ;

queryPrimary
    : querySpecification                                   # querySpecificationPrimary
    | valuesClause                                         # valuesPrimary
    | TABLE tablePath                                      # explicitTablePrimary
    | LPAREN query RPAREN                                  # subqueryPrimary
    ;

setQuantifier
    : DISTINCT
    | ALL
    ;

valuesClause
    : VALUES expression (COMMA expression)*
    ;

/** `SELECT [ALL|DISTINCT] items [FROM ...] [WHERE] [GROUP BY] [HAVING] [WINDOW]`. */
querySpecification
    : SELECT setQuantifier? selectItem (COMMA selectItem)*
      fromClause?
      whereClause?
      groupByClause?
      havingClause?
      windowClause?
    ;

selectItem
    : qualifiedName DOT STAR                               # selectAllOfTable
    | STAR                                                 # selectAll
    | expression (AS? columnAlias)?                        # selectExpression
    ;

columnAlias
    : identifier
    ;

fromClause
    : FROM tableReference (COMMA tableReference)*
    ;

whereClause
    : WHERE expression
    ;

groupByClause
    : GROUP BY setQuantifier? groupingElement (COMMA groupingElement)*
    ;

groupingElement
    : GROUPING SETS LPAREN groupingSet (COMMA groupingSet)* RPAREN      # groupingSets
    | ROLLUP LPAREN groupingSet (COMMA groupingSet)* RPAREN             # rollup
    | CUBE LPAREN groupingSet (COMMA groupingSet)* RPAREN               # cube
    | LPAREN RPAREN                                                     # emptyGroupingSet
    | expression                                                        # groupingExpression
    ;

groupingSet
    : LPAREN (expression (COMMA expression)*)? RPAREN
    | expression
    ;

havingClause
    : HAVING expression
    ;

windowClause
    : WINDOW namedWindow (COMMA namedWindow)*
    ;

namedWindow
    : identifier AS LPAREN windowSpecification RPAREN
    ;

orderByClause
    : ORDER BY sortItem (COMMA sortItem)*
    ;

sortItem
    : expression (ASC | DESC)? (NULLS (FIRST | LAST))?
    ;

limitClause
    : LIMIT (expression | ALL)
    ;

offsetClause
    : OFFSET expression (ROW | ROWS)?
    ;

fetchClause
    : FETCH (FIRST | NEXT) expression? (ROW | ROWS) ONLY
    ;

// ===================================================================== table references

/** A FROM item with its joins (left-deep). */
tableReference
    : tablePrimary                                                                       # tableReferencePrimary
    | left=tableReference CROSS JOIN right=tablePrimary                                  # crossJoin
    | left=tableReference NATURAL joinType JOIN right=tablePrimary                       # naturalJoin
    | left=tableReference joinType JOIN right=tablePrimary joinCriteria?                 # join
    ;

joinType
    : INNER?
    | LEFT OUTER?
    | RIGHT OUTER?
    | FULL OUTER?
    ;

joinCriteria
    : ON expression
    | USING LPAREN columnName (COMMA columnName)* RPAREN
    ;

tablePrimary
    : tablePath systemTimePeriod? matchRecognize? tableAlias?                       # tableName
    | LATERAL? LPAREN query RPAREN matchRecognize? tableAlias?                      # subqueryRelation
    | LATERAL? TABLE LPAREN functionCall RPAREN matchRecognize? tableAlias?         # tableFunctionRelation
    | functionCall matchRecognize? tableAlias?                                       # tableFunctionRelation
    | UNNEST LPAREN expression (COMMA expression)* RPAREN (WITH ORDINALITY)? tableAlias?   # unnestRelation
    | LPAREN tableReference RPAREN matchRecognize? tableAlias?                      # parenthesizedRelation
    ;

/** `FOR SYSTEM_TIME AS OF expr`: temporal and lookup joins. */
systemTimePeriod
    : FOR SYSTEM_TIME AS OF valueExpression
    ;

tableAlias
    : AS? identifier (LPAREN columnName (COMMA columnName)* RPAREN)?
    ;

// ===================================================================== MATCH_RECOGNIZE

matchRecognize
    : MATCH_RECOGNIZE LPAREN
        (PARTITION BY expression (COMMA expression)*)?
        orderByClause?
        (MEASURES measureDefinition (COMMA measureDefinition)*)?
        rowsPerMatch?
        afterMatchSkip?
        PATTERN LPAREN rowPattern RPAREN (WITHIN intervalLiteral)?
        (SUBSET subsetDefinition (COMMA subsetDefinition)*)?
        DEFINE variableDefinition (COMMA variableDefinition)*
      RPAREN
    ;

measureDefinition
    : (RUNNING | FINAL)? expression AS identifier
    ;

rowsPerMatch
    : ONE ROW PER MATCH
    | ALL ROWS PER MATCH
    ;

afterMatchSkip
    : AFTER MATCH SKIP_ (TO NEXT ROW | PAST LAST ROW | TO FIRST identifier | TO LAST identifier | TO identifier)
    ;

rowPattern
    : rowPatternTerm (PIPE rowPatternTerm)*
    ;

rowPatternTerm
    : rowPatternFactor+
    ;

rowPatternFactor
    : rowPatternPrimary rowPatternQuantifier?
    ;

rowPatternPrimary
    : identifier
    | CARET
    | DOLLAR
    | LPAREN rowPattern? RPAREN
    | LBRACE MINUS_SIGN rowPattern MINUS_SIGN RBRACE
    | PERMUTE LPAREN rowPattern (COMMA rowPattern)* RPAREN
    ;

rowPatternQuantifier
    : (STAR | PLUS | QUESTION) QUESTION?
    | LBRACE INTEGER_LITERAL? (COMMA INTEGER_LITERAL?)? RBRACE QUESTION?
    ;

subsetDefinition
    : identifier EQ LPAREN identifier (COMMA identifier)* RPAREN
    ;

variableDefinition
    : identifier AS expression
    ;

// ===================================================================== expressions

/**
 * Expressions are written without left recursion: ANTLR turns left-recursive rules into loops
 * guarded by precedence predicates, and a predicate on the way makes every decision that can end
 * an expression (optional clauses, literal and name loops, ...) need full ATN prediction instead
 * of a one-token switch. Operators are kept flat (operands and operators in source order): the
 * language is the same, and the language features do not need operator precedence.
 */
/** Boolean terms joined by AND / OR, in source order. */
expression
    : booleanTerm ((AND | OR) booleanTerm)*
    ;

booleanTerm
    : NOT booleanTerm                                                      # logicalNot
    | valueExpression predicate?                                           # predicated
    ;

/** What may follow a value: comparison, BETWEEN, IN, LIKE, IS ... */
predicate
    : comparisonOperator comparisonQuantifier LPAREN query RPAREN                                      # quantifiedComparison
    | comparisonOperator right=valueExpression                                                         # comparison
    | NOT? BETWEEN (ASYMMETRIC | SYMMETRIC)? lower=valueExpression AND upper=valueExpression            # between
    | NOT? IN LPAREN query RPAREN                                                                      # inSubquery
    | NOT? IN LPAREN expression (COMMA expression)* RPAREN                                             # inList
    | NOT? (LIKE | ILIKE | SIMILAR TO) pattern=valueExpression (ESCAPE escape=valueExpression)?     # like
    | IS NOT? (NULL | TRUE | FALSE | UNKNOWN)                                                          # isLiteral
    | IS NOT? DISTINCT FROM right=valueExpression                                                      # distinctFrom
    | IS NOT? JSON (VALUE | SCALAR | ARRAY | OBJECT)?                                            # isJson
    ;

comparisonOperator
    : EQ | NEQ | LT | LTE | GT | GTE
    ;

comparisonQuantifier
    : ALL | SOME | ANY
    ;

/** Signed operands joined by arithmetic and `||` operators, in source order. */
valueExpression
    : (MINUS_SIGN | PLUS)* primaryExpression (valueOperator (MINUS_SIGN | PLUS)* primaryExpression)*
    ;

valueOperator
    : STAR | SLASH | PERCENT | PLUS | MINUS_SIGN | CONCAT
    ;

/**
 * An operand. `[index]` and `.field` may follow any operand (`f(x).a`, `arr[1].b`), except that a
 * column path takes all dotted names itself (`t.col.field` is a columnReference): so `.` never
 * follows a name and the name loop stays a one-token decision.
 */
primaryExpression
    : literal accessor*                                                                            # literalExpression
    | CASE operand=expression? whenClause+ (ELSE elseExpression=expression)? END accessor*        # caseExpression
    | (CAST | TRY_CAST) LPAREN expression AS columnType RPAREN accessor*                           # cast
    | EXTRACT LPAREN identifier FROM valueExpression RPAREN accessor*                              # extract
    | POSITION LPAREN valueExpression IN valueExpression RPAREN accessor*                          # position
    | SUBSTRING LPAREN valueExpression FROM valueExpression (FOR valueExpression)? RPAREN accessor* # substring
    | TRIM LPAREN ((BOTH | LEADING | TRAILING) valueExpression? FROM | valueExpression FROM)? valueExpression RPAREN accessor*  # trim
    | OVERLAY LPAREN valueExpression PLACING valueExpression FROM valueExpression (FOR valueExpression)? RPAREN accessor*  # overlay
    | (FLOOR | CEIL | CEILING) LPAREN valueExpression TO timeUnit RPAREN accessor*                 # floorCeilTo
    | jsonFunction accessor*                                                                       # jsonFunctionExpression
    | ARRAY LBRACKET (expression (COMMA expression)*)? RBRACKET accessor*                          # arrayConstructor
    | ARRAY LPAREN query RPAREN accessor*                                                          # arraySubquery
    | MAP LBRACKET (expression COMMA expression (COMMA expression COMMA expression)*)? RBRACKET accessor*   # mapConstructor
    | MAP LPAREN query RPAREN accessor*                                                            # mapSubquery
    | ROW LPAREN (expression (COMMA expression)*)? RPAREN accessor*                                # rowConstructor
    | EXISTS LPAREN query RPAREN accessor*                                                         # exists
    | LPAREN query RPAREN accessor*                                                                # scalarSubquery
    | LPAREN expression (COMMA expression)+ RPAREN accessor*                                       # implicitRowConstructor
    | LPAREN expression RPAREN accessor*                                                           # parenthesizedExpression
    | functionCall accessor*                                                                       # functionCallExpression
    | niladicFunction accessor*                                                                    # niladicFunctionExpression
    | columnPath (subscript accessor*)?                                                            # columnReference
    ;

/** `[index]` or `.field` after an operand. */
accessor
    : subscript
    | fieldAccess
    ;

subscript
    : LBRACKET index=valueExpression RBRACKET
    ;

fieldAccess
    : DOT fieldName=identifier
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

niladicFunction
    : CURRENT_DATE | CURRENT_TIME | CURRENT_TIMESTAMP | LOCALTIME | LOCALTIMESTAMP
    ;

/**
 * Any function call: built-in or user-defined, aggregate (DISTINCT, FILTER, WITHIN GROUP),
 * window (OVER) or table-valued (window TVFs, ML_PREDICT, ... with named and TABLE/DESCRIPTOR/MODEL arguments).
 */
functionCall
    : functionName LPAREN
      ( STAR RPAREN filterClause? overClause?
      | (setQuantifier? functionArgument (COMMA functionArgument)*)? orderByClause? RPAREN
        nullTreatment? withinGroup? filterClause? overClause?
      )
    ;

functionName
    : qualifiedName
    | LEFT | RIGHT | IF
    ;

functionArgument
    : (argumentName=identifier NAMED_ARG)? argumentValue
    ;

argumentValue
    : TABLE tablePath (PARTITION BY expression (COMMA expression)*)? (ORDER BY sortItem (COMMA sortItem)*)?   # tableArgument
    | TABLE LPAREN query RPAREN (PARTITION BY expression (COMMA expression)*)?                               # tableQueryArgument
    | DESCRIPTOR LPAREN columnName (COMMA columnName)* RPAREN                                                # descriptorArgument
    | MODEL modelPath                                                                                         # modelArgument
    | expression                                                                                              # expressionArgument
    ;

nullTreatment
    : (IGNORE | RESPECT) NULLS
    ;

withinGroup
    : WITHIN GROUP LPAREN orderByClause RPAREN
    ;

filterClause
    : FILTER LPAREN WHERE expression RPAREN
    ;

overClause
    : OVER (identifier | LPAREN windowSpecification RPAREN)
    ;

windowSpecification
    : existingWindowName=identifier?
      (PARTITION BY expression (COMMA expression)*)?
      orderByClause?
      windowFrame?
    ;

windowFrame
    : (ROWS | RANGE) BETWEEN frameBound AND frameBound
    | (ROWS | RANGE) frameBound
    ;

frameBound
    : UNBOUNDED (PRECEDING | FOLLOWING)
    | CURRENT ROW
    | valueExpression (PRECEDING | FOLLOWING)
    ;

jsonFunction
    : JSON_OBJECT LPAREN (jsonKeyValue (COMMA jsonKeyValue)*)? jsonNullClause? RPAREN
    | JSON_OBJECTAGG LPAREN jsonKeyValue jsonNullClause? RPAREN
    | JSON_ARRAY LPAREN (expression (COMMA expression)*)? jsonNullClause? RPAREN
    | JSON_ARRAYAGG LPAREN expression orderByClause? jsonNullClause? RPAREN
    | JSON_VALUE LPAREN expression COMMA expression (RETURNING columnType)? jsonValueBehavior* RPAREN
    | JSON_QUERY LPAREN expression COMMA expression (RETURNING columnType)? jsonQueryWrapper? jsonValueBehavior* RPAREN
    | JSON_EXISTS LPAREN expression COMMA expression ((TRUE | FALSE | UNKNOWN | ERROR) ON ERROR)? RPAREN
    ;

jsonKeyValue
    : KEY? expression VALUE expression
    | expression COLON expression
    ;

jsonNullClause
    : (NULL | ABSENT) ON NULL
    ;

jsonValueBehavior
    : (ERROR | NULL | EMPTY (ARRAY | OBJECT)? | DEFAULT expression) ON (EMPTY | ERROR)
    ;

jsonQueryWrapper
    : WITHOUT ARRAY? WRAPPER
    | WITH (CONDITIONAL | UNCONDITIONAL)? ARRAY? WRAPPER
    ;

// ===================================================================== literals

literal
    : NULL                                                         # nullLiteral
    | booleanValue                                                 # booleanLiteral
    | number                                                       # numericLiteral
    | stringLiteral                                                # stringLiteralValue
    | (DATE | TIME | TIMESTAMP | TIMESTAMP_LTZ) stringLiteral      # typedLiteral
    | intervalLiteral                                              # intervalLiteralValue
    ;

booleanValue
    : TRUE | FALSE | UNKNOWN
    ;

number
    : INTEGER_LITERAL
    | DECIMAL_LITERAL
    | APPROX_NUMERIC_LITERAL
    ;

signedNumber
    : MINUS_SIGN? number
    ;

/** A string literal; adjacent literals are concatenated like in Flink ('a' 'b' = 'ab'). */
stringLiteral
    : (STRING_LITERAL | UNICODE_STRING_LITERAL | NATIONAL_STRING_LITERAL | BINARY_STRING_LITERAL)+
    | VARIABLE
    ;

/** `INTERVAL '1' MINUTE`, `INTERVAL '1 02' DAY TO HOUR`, `INTERVAL '10' SECOND(3)`. */
intervalLiteral
    : INTERVAL (PLUS | MINUS_SIGN)? (stringLiteral | number) intervalQualifier
    ;

intervalQualifier
    : timeUnit (LPAREN INTEGER_LITERAL (COMMA INTEGER_LITERAL)? RPAREN)? (TO timeUnit (LPAREN INTEGER_LITERAL RPAREN)?)?
    ;

timeUnit
    : YEAR | YEARS | QUARTER | MONTH | MONTHS | WEEK | DAY | DAYS | HOUR | HOURS | MINUTE | MINUTES
    | SECOND | SECONDS | MILLISECOND | MICROSECOND | NANOSECOND
    ;

// ===================================================================== data types

/** A column/CAST type with optional nullability; `INT ARRAY`, `INT MULTISET` are the legacy collection forms. */
columnType
    : dataType (ARRAY | MULTISET)* (NOT NULL | NULL)?
    ;

dataType
    : (CHAR | CHARACTER) VARYING? typeLength?                                          # characterType
    | VARCHAR typeLength?                                                                   # characterType
    | STRING                                                                                # characterType
    | (BINARY | VARBINARY) typeLength?                                                      # binaryType
    | BYTES                                                                                 # binaryType
    | BOOLEAN                                                                               # booleanType
    | (DECIMAL | DEC | NUMERIC) (LPAREN INTEGER_LITERAL (COMMA INTEGER_LITERAL)? RPAREN)?    # decimalType
    | (TINYINT | SMALLINT | INT | INTEGER | BIGINT)                                         # integerType
    | FLOAT                                                                                 # floatType
    | REAL                                                                                  # floatType
    | DOUBLE PRECISION?                                                                     # floatType
    | DATE                                                                                  # dateType
    | TIME typeLength? (WITHOUT TIME ZONE)?                                                 # timeType
    | TIMESTAMP typeLength? ((WITH | WITHOUT) LOCAL? TIME ZONE)?                            # timestampType
    | TIMESTAMP_LTZ typeLength?                                                             # timestampType
    | INTERVAL intervalQualifier                                                            # intervalType
    | ARRAY LT columnType GT                                                                # arrayType
    | MULTISET LT columnType GT                                                             # multisetType
    | MAP LT columnType COMMA columnType GT                                                  # mapType
    | ROW LT (rowField (COMMA rowField)*)? GT                                               # rowType
    | ROW NEQ                                                                               # rowType
    | ROW LPAREN (rowField (COMMA rowField)*)? RPAREN                                       # rowType
    | RAW LPAREN stringLiteral (COMMA stringLiteral)? RPAREN                                # rawType
    | VARIANT                                                                               # variantType
    | STRUCTURED LT stringLiteral (COMMA rowField)* GT                                      # structuredType
    | NULL                                                                                  # nullType
    | {this.isUserDefinedTypeName()}? qualifiedName                                         # userDefinedType
    ;

typeLength
    : LPAREN INTEGER_LITERAL RPAREN
    ;

rowField
    : identifier columnType stringLiteral?
    ;

// ===================================================================== names

/** `[catalog.][database.]table` */
tablePath
    : qualifiedName
    ;

databasePath
    : qualifiedName
    ;

/** A catalog is always a single-part name (Flink rejects `c0.t` at parse time). */
catalogName
    : identifier
    ;

functionPath
    : qualifiedName
    ;

modelPath
    : qualifiedName
    ;

/** A (possibly nested) column reference: `col`, `t.col`, `t.col.field`. */
columnPath
    : qualifiedName
    ;

columnName
    : identifier
    ;

qualifiedName
    : identifier (DOT identifier)*
    ;

identifier
    : IDENTIFIER                # unquotedIdentifier
    | BACKQUOTED_IDENTIFIER     # backQuotedIdentifier
    | VARIABLE                  # variableIdentifier
    | nonReservedKeyword        # keywordIdentifier
    ;

/** Keywords that Flink accepts as plain identifiers. */
nonReservedKeyword
    : ABSENT | ADD | AFTER | ANALYZE | ARRAY_AGG | ARTIFACT | ASC | AT | BEGIN
    | BIGINT | BINARY | BOOLEAN | BUCKETS | BYTES | CALL | CASCADE | CATALOG
    | CATALOGS | CEIL | CEILING | CHANGELOG_MODE | CHAR | CHARACTER | CLASSIFIER | CLEAR
    | COLUMN | COLUMNS | COMMENT | COMPACT | COMPILE | COMPUTE | CONDITIONAL | CONFLICT | CONSTRAINT
    | CONSTRAINTS | CONTINUOUS | CUBE | CURRENT_ROW_TIMESTAMP | DATA | DATABASE | DATABASES | DATE
    | DAY | DAYS | DEC | DECIMAL | DEDUPLICATE | DEFAULT | DEFINE | DESC | DESCRIPTOR
    | DISTRIBUTED | DISTRIBUTION | DO | DOUBLE | DRAIN | EMPTY | ENFORCED | ERROR | ESTIMATED_COST
    | EXCLUDING | EXECUTE | EXIT | EXTENDED | EXTRACT | FILTER | FINAL | FIRST
    | FLOAT | FLOOR | FOLLOWING | FORMAT | FRESHNESS | FROM_BEGINNING | FROM_NOW | FROM_TIMESTAMP | FUNCTION | FUNCTIONS | GENERATED
    | GROUPING | HASH | HELP | HOUR | HOURS | IGNORE | INCLUDING | INPUT
    | INT | INTEGER | JAR | JARS | JAVA | JOB | JOBS | JSON
    | JSON_ARRAY | JSON_ARRAYAGG | JSON_EXECUTION_PLAN | JSON_EXISTS | JSON_OBJECT | JSON_OBJECTAGG | JSON_QUERY | JSON_VALUE
    | KEY | LANGUAGE | LAST | LAX | LEADING | LOAD | LOCAL | MAP
    | MATCH | MATCH_NUMBER | MATERIALIZED | MEASURES | METADATA | MICROSECOND | MILLISECOND | MINUTE
    | MINUTES | MODEL | MODELS | MODIFY | MODULE | MODULES | MONTH | MONTHS
    | MULTISET | NANOSECOND | NEXT | NOTHING | NULLS | NUMERIC | OBJECT | ONE | ONLY
    | OPTIONS | ORDINALITY | OUTPUT | OVERLAY | OVERWRITE | OVERWRITING | PARTITIONED | PARTITIONS
    | PAST | PATTERN | PER | PERMUTE | PLACING | PLAN | PLAN_ADVICE | POSITION
    | PRECEDING | PRECISION | PREV | PRIMARY | PROCEDURES | PYTHON | QUARTER | QUIT
    | RANGE | RAW | REAL | RECURSIVE | REFRESH | REFRESH_MODE | REMOVE | RENAME
    | REPLACE | RESET | RESPECT | RESTRICT | RESUME | RESUME_OR_FROM_BEGINNING | RESUME_OR_FROM_NOW | RESUME_OR_FROM_TIMESTAMP | RETURNING | ROLLUP | ROW
    | ROWS | RUNNING | SAVEPOINT | SCALA | SCALAR | SECOND | SECONDS | SETS
    | SHOW | SKIP_ | SMALLINT | SQL | START_MODE | STATEMENT | STATISTICS | STOP | STRICT
    | STRING | STRUCTURED | SUBSET | SUBSTRING | SUSPEND | SYSTEM | SYSTEM_TIME | TABLES
    | TEMPORARY | TIME | TIMESTAMP | TIMESTAMP_LTZ | TINYINT | TO | TRAILING | TRIM
    | TRUNCATE | UNBOUNDED | UNCONDITIONAL | UNIQUE | UNLOAD | UPDATE | USE | USER
    | VALUE | VARBINARY | VARCHAR | VARIANT | VARYING | VIEW | VIEWS | VIRTUAL
    | WATERMARK | WATERMARKS | WEEK | WITHIN | WITHOUT | WRAPPER | YEAR | YEARS
    | ZONE
    ;
