package dev.sloth.graph;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A JDK Flight Recorder event for one run of a node's function. */
@Name("dev.sloth.NodeRun")
@Label("Sloth Node Run")
@Category({"Sloth", "Graph"})
@Description("One run of a node's function in a Sloth graph")
@StackTrace(false)
final class NodeRunEvent extends jdk.jfr.Event {
  @Label("Node")
  String node;

  @Label("Function")
  String function;

  @Label("Value Changed")
  boolean changed;

  @Label("Failure")
  String failure;
}
