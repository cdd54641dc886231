package dev.abkit.core.contract;

import dev.abkit.core.memory.InMemoryTokens;
import dev.abkit.core.port.out.Tokens;

/** The reference: the in-memory token store keeps the tokens contract. */
class InMemoryTokensTest extends TokensContract {

    private InMemoryTokens tokens;

    @Override
    protected Tokens freshTokens() {
        tokens = new InMemoryTokens();
        return tokens;
    }

    /** In one process there is only one store to see. */
    @Override
    protected Tokens sameStoreElsewhere() {
        return tokens;
    }
}
