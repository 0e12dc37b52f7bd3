// Grammar of the neurojit model language (.nj files): declarations, Brian2 equations, protocol.
//
// Shape of the language:
// - A file is a sequence of top-level items separated by newlines (or ';').
// - Newlines inside (...) and [...] are ignored, so long expressions may wrap there;
//   a backslash at the end of a line also continues it.
// - Equation lines are Brian2's: `dv/dt = expr : unit (flags)`, `x = expr : unit`, `x : unit`.
// - Bodies `{ ... }` hold clauses `key: items` / `key name: items` / `key { ... }`,
//   equation blocks and assignments. Which keys a body accepts is decided by the checker,
//   not the grammar, so diagnostics can name the clause and suggest the right one.
// - Expressions are Python/Brian2 expressions plus quantity literals (`20 ms`),
//   ranges (`a .. b`), slices (`0:10` inside [] and calls), lists and generator
//   expressions (`k for k in range(N) if rand() < p`).
grammar NeuroJit;

@lexer::members {
  int nesting = 0;  // depth of open ( and [ : newlines inside them are not separators
}

// ---------------------------------------------------------------- file structure

// Items are separated, not terminated, so that deciding whether another item follows needs
// only the separator and one token of lookahead, never a scan of the whole item.
modelFile
  : sep? (topItem (sep topItem)* sep?)? EOF
  ;

sep
  : (NEWLINE | ';')+
  ;

// entry point for `--set NAME=VALUE` values and other one-expression inputs
standaloneExpr
  : expr EOF
  ;

topItem
  : importDecl
  | paramDecl
  | letDecl
  | modeDecl
  | functionDecl
  | typeDecl
  | instanceDecl
  | settingDecl
  | protocolStmt
  ;

importDecl
  : IMPORT STRING (AS IDENT)?
  ;

paramDecl
  : PARAM IDENT (':' unitSpec)? '=' expr body?
  ;

letDecl
  : LET IDENT (':' unitSpec)? '=' expr
  ;

modeDecl
  : MODE IDENT (EXTENDS IDENT (',' IDENT)*)? block
  ;

functionDecl
  : FUNCTION IDENT LPAREN (formal (',' formal)*)? RPAREN (':' unitSpec)? '=' expr
  ;

formal
  : IDENT (':' unitSpec)?
  ;

// neuron LIF { ... }   synapse STDP { ... }   (the kind word is checked, not fixed here)
typeDecl
  : kind=(NEURON | SYNAPSE) IDENT body
  ;

// group E = LIF(n_exc) { ... }    group G(100) { ... }    poisson Bg(100, rate = 5 Hz)
// synapses EE = STDP(E -> E) { ... }    monitor spikes(E)    monitor v = state(E, v, record = 0:10)
// subgroups: group E1 = E[0:800]
instanceDecl
  : kind=IDENT name=IDENT '=' expr body?
  | kind=IDENT name=IDENT LPAREN args? RPAREN body?
  ;

// top-level settings: `schedule: inputs, update, thresholds`   `dt: 0.1 ms`
settingDecl
  : IDENT ':' clauseItems
  ;

// ---------------------------------------------------------------- bodies

body
  : '{' sep? (bodyItem (sep bodyItem)* sep?)? '}'
  ;

bodyItem
  : equationsBlock
  | clause
  | stmt
  ;

equationsBlock
  : EQUATIONS ':'? '{' sep? (equation (sep equation)* sep?)? '}'
  ;

// key: items         e.g.  threshold: v > Vt      reset: v = Vr; w += b
// key name: items    e.g.  on_pre slow: v_post += w      event burst: v > 10 mV
// key { ... }        e.g.  on_post { w = clip(w + apre, 0, wmax) }
clause
  : key=IDENT (name=IDENT)? ':' clauseItems
  | key=IDENT (name=IDENT)? ':'? block
  ;

clauseItems
  : clauseItem ((',' | ';') clauseItem)*
  ;

clauseItem
  : stmt
  ;

block
  : '{' sep? (blockItem (sep blockItem)* sep?)? '}'
  ;

blockItem
  : protocolStmt
  | clause
  | stmt
  ;

// ---------------------------------------------------------------- equations (Brian2)

equation
  : lhsD=IDENT '/' lhsT=IDENT '=' expr ':' unitSpec flags?   # differentialEquation
  | IDENT '=' expr ':' unitSpec flags?                       # subexpressionEquation
  | IDENT ':' unitSpec flags?                                # parameterEquation
  ;

flags
  : LPAREN flag (',' flag)* RPAREN
  ;

// `constant`, `unless refractory`, `event-driven`, `constant over dt`
flag
  : IDENT ('-'? IDENT)*
  ;

unitSpec
  : unitFactor (op=('*' | '/') unitFactor)*
  ;

unitFactor
  : (IDENT | NUMBER) ('**' sign='-'? exponent=NUMBER)?
  | LPAREN unitSpec RPAREN ('**' sign='-'? exponent=NUMBER)?
  ;

// ---------------------------------------------------------------- statements

stmt
  : target=expr op=('=' | '+=' | '-=' | '*=' | '/=') value=expr   # assignStmt
  | expr                                                           # exprStmt
  ;

protocolStmt
  : RUN expr body?                                  # runStmt
  | REPEAT expr (AS IDENT)? block                   # repeatStmt
  | FOR IDENT IN expr block                         # forStmt
  | IF expr block (NEWLINE* ELSE (block | protocolStmt))?  # ifStmt
  | SET stmt (',' stmt)*                             # setStmt
  | FREEZE expr (',' expr)*                         # freezeStmt
  | UNFREEZE expr (',' expr)*                       # unfreezeStmt
  | STORE IDENT?                                    # storeStmt
  | RESTORE IDENT? IDENT?                            # restoreStmt
  | ANALYSE (IDENT '=')? expr                       # analyseStmt
  | APPLY expr                                      # applyStmt
  | TRAIN expr block?                               # trainStmt
  | PRINT expr (',' expr)*                          # printStmt
  ;

// ---------------------------------------------------------------- expressions

expr
  : generatorExpr
  ;

// Brian2 generator syntax for connect: `k for k in range(i-3, i+4) if k != i`
generatorExpr
  : rangeExpr (FOR IDENT IN rangeExpr (IF rangeExpr)?)?
  ;

rangeExpr
  : orExpr ('..' orExpr)?
  ;

orExpr
  : andExpr (OR andExpr)*
  ;

andExpr
  : notExpr (AND notExpr)*
  ;

notExpr
  : NOT notExpr
  | comparison
  ;

comparison
  : additive (op=('<' | '<=' | '>' | '>=' | '==' | '!=') additive)?
  ;

additive
  : multiplicative (op+=('+' | '-') multiplicative)*
  ;

multiplicative
  : unary (op+=('*' | '/' | '//' | '%' | '@') unary)*
  ;

unary
  : op=('-' | '+') unary
  | power
  ;

power
  : postfix ('**' unary)?
  ;

postfix
  : primary postfixOp*
  ;

postfixOp
  : LPAREN args? RPAREN          # callOp
  | LBRACK indexItem (',' indexItem)* RBRACK   # indexOp
  | '.' IDENT              # memberOp
  | '\''                   # primeOp
  ;

primary
  : NUMBER (IDENT ('**' sign='-'? exponent=NUMBER)?)?   # quantityLiteral
  | STRING                                           # stringLiteral
  | (TRUE | FALSE)                                   # boolLiteral
  | IDENT                                            # nameRef
  | LPAREN expr RPAREN                                     # parenExpr
  | LBRACK (expr (',' expr)* ','?)? RBRACK                 # listLiteral
  ;

args
  : arg (',' arg)* ','?
  ;

// f(x), f(p = 0.1), state(E, record = 0:10), STDP(E -> I)
arg
  : IDENT '=' argValue        # keywordArg
  | argValue                  # positionalArg
  ;

argValue
  : expr ':' expr?            # sliceArg
  | ':' expr?                 # openSliceArg
  | expr ('->' | '<->') expr  # pathwayArg
  | expr                      # exprArg
  ;

indexItem
  : expr? ':' expr?
  | expr
  ;

// ---------------------------------------------------------------- lexer

IMPORT    : 'import';
AS        : 'as';
PARAM     : 'param';
LET       : 'let';
MODE      : 'mode';
EXTENDS   : 'extends';
FUNCTION  : 'function';
NEURON    : 'neuron';
SYNAPSE   : 'synapse';
EQUATIONS : 'equations';
RUN       : 'run';
REPEAT    : 'repeat';
FOR       : 'for';
IN        : 'in';
IF        : 'if';
ELSE      : 'else';
SET       : 'set';
FREEZE    : 'freeze';
UNFREEZE  : 'unfreeze';
STORE     : 'store';
RESTORE   : 'restore';
ANALYSE   : 'analyse' | 'analyze';
APPLY     : 'apply';
TRAIN     : 'train';
PRINT     : 'print';
AND       : 'and';
OR        : 'or';
NOT       : 'not';
TRUE      : 'true' | 'True';
FALSE     : 'false' | 'False';

LPAREN  : '(' { nesting++; };
RPAREN  : ')' { if (nesting > 0) nesting--; };
LBRACK  : '[' { nesting++; };
RBRACK  : ']' { if (nesting > 0) nesting--; };

// No trailing-dot numbers (`1.`) so that `0..10` lexes as a range.
NUMBER
  : DIGITS ('.' DIGITS)? EXPONENT?
  | '.' DIGITS EXPONENT?
  ;

fragment DIGITS   : [0-9] ('_'? [0-9])*;
fragment EXPONENT : [eE] [+-]? [0-9]+;

IDENT : [a-zA-Z_\u00B5\u03A9] [a-zA-Z_0-9\u00B5\u03A9]*;

// A backslash escapes the next character on the same line; strings never span lines.
STRING
  : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'
  ;

NEWLINE : ('\r'? '\n' | '\r') { if (nesting > 0) skip(); };

LINE_CONTINUATION : '\\' [ \t]* '\r'? '\n' -> skip;

COMMENT : '#' ~[\r\n]* -> skip;

WS : [ \t\f]+ -> skip;

// Anything else becomes one token the parser reports as "unexpected character".
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'?;
INVALID : .;
