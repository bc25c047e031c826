/**
 * Drawing Sloth graphs: a {@link dev.sloth.viz.Drawer} turns a {@link dev.sloth.graph.GraphSnapshot} (or a lazy-module
 * registry's snapshot) into DOT text, or an SVG or PNG picture through Graphviz, and says in a {@link
 * dev.sloth.viz.DrawResult} what it wrote.
 *
 * <pre>{@code
 * Graph g = Graph.create();
 * Node<Integer> c = g.fn2("Mul", (Integer p, Integer q) -> p * q).call(6, 7);
 * c.get();
 * DrawResult r = Drawer.defaults().withTitle("after c.get()").draw(g.dump(), Path.of("after-c.svg"));
 * System.out.println(r.message());   // wrote SVG to after-c.svg (1 nodes), or why it wrote after-c.dot
 * }</pre>
 *
 * <p>Needs only {@code sloth-core}; drawing lazy modules ({@link dev.sloth.viz.Drawer#drawModules}) also needs
 * {@code sloth-module}, an optional dependency. Everything but the two public types is package-private.
 */
package dev.sloth.viz;
