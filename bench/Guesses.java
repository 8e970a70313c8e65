/**
 * Prints well-formed seeds that no server issued (the format of io.vaas.shared.Tokens), for
 * bench/refusal-flood.sh. Run with the server's classes on the class path:
 * java -cp target/classes bench/Guesses.java 1000
 */
void main(String[] args) {
	for (int i = 0; i < Integer.parseInt(args[0]); i++) {
		IO.println(io.vaas.shared.Tokens.generate("vaas_seed_"));
	}
}
